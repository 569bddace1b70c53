package vn.hailong.sync.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A try after a lost race writes alone; first tries share their turn. */
class WriteTurnsTest {
    private final WriteTurns turns = new WriteTurns();

    @Test
    void firstTriesShareTheirTurn() throws Exception {
        try (WriteTurns.Turn a = turns.take(false, 0); WriteTurns.Turn b = turns.take(false, 0)) {
            assertNotNull(a);
            assertNotNull(b);
        }
    }

    @Test
    void aTryAfterALostRaceWaitsForTheWritersAndThenRunsAlone() throws Exception {
        WriteTurns.Turn writing = turns.take(false, 0);
        assertNull(turns.take(true, 0), "not alone while another batch writes");
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Boolean> alone = CompletableFuture.supplyAsync(() -> {
            try (WriteTurns.Turn mine = take(true, 10)) {   // a lock is given back by the thread that took it
                done.await(10, TimeUnit.SECONDS);
                return mine != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writing.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!turns.writingAlone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(turns.writingAlone(), "alone once the other batch is done");
        assertNull(turns.take(false, 0), "no first try writes beside it");
        done.countDown();
        assertTrue(alone.get(10, TimeUnit.SECONDS));
        WriteTurns.Turn after = turns.take(false, 0);
        assertNotNull(after, "first tries write again once it is done");
        after.close();
    }

    private WriteTurns.Turn take(boolean alone, long seconds) throws InterruptedException {
        return turns.take(alone, seconds);
    }
}
