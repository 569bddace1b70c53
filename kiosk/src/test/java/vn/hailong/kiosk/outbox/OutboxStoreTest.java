package vn.hailong.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.kiosk.KioskContexts;

/** The outbox never forgets what the server does not cover. */
class OutboxStoreTest {
    @TempDir
    Path dir;

    @Test
    void onlySentEventsUpToTheServersContiguousSeqArePruned() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            OutboxStore outbox = context.getBean(OutboxStore.class);
            Instant now = Instant.now();
            for (int i = 0; i < 4; i++) {
                outbox.appendDurably("id-" + i, "rating", seq -> "{\"seq\":" + seq + "}", now);
            }
            // the server answered for 1..3 but says it holds only up to 1 without a gap
            outbox.markAnswered(List.of(1L, 2L, 3L), Map.of(), 1, now);
            assertEquals(1, outbox.pruneSent(now.plus(Duration.ofDays(31))));
            assertEquals(2, outbox.count("SENT"));
            assertEquals(1, outbox.pendingCount());
            assertEquals(List.of(4L), outbox.pending(10).stream().map(OutboxStore.PendingEvent::seq).toList());
        }
    }
}
