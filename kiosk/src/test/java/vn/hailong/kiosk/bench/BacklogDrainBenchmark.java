package vn.hailong.kiosk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.sync.BenchmarkReport;
import vn.hailong.sync.SyncServerProcess;

/**
 * Backlog drain: a kiosk that was offline for weeks holds 100,000 pending events; the packaged server runs on
 * loopback (H2). Timed from the sender's start until the server has covered every seq and the outbox is empty.
 * The backlog is written straight into the outbox table (as 100,000 presses would have left it) because
 * recording them one by one, each forced to the disk, would take minutes and is measured elsewhere.
 */
class BacklogDrainBenchmark {
    private static final int BACKLOG = 100_000;
    private static final String TERMINAL = "T-DRAIN-01";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void backlogDrain() throws Exception {
        try (SyncServerProcess server = new SyncServerProcess(dir)) {
            server.start();
            String secret = server.provision(TERMINAL, "000.00.15.H12", "1");
            try (ApplicationContext kiosk = KioskContexts.online(dir.resolve("kiosk"), server.uri(), TERMINAL, secret,
                    "hailong.sync.batch-size", Integer.getInteger("hailong.bench.batch-size", 500))) {
                fillBacklog(kiosk);
                OutboxStore outbox = kiosk.getBean(OutboxStore.class);
                assertEquals(BACKLOG, outbox.pendingCount());
                long start = System.nanoTime();
                kiosk.getBean(OutboxSender.class).start();
                Await.until(Duration.ofMinutes(10), () -> outbox.pendingCount() == 0,
                        () -> "the backlog drains within 10 minutes; pending " + outbox.pendingCount());
                double seconds = (System.nanoTime() - start) / 1e9;
                HttpResponse<String> terminals = server.get("/api/v1/reports/terminals", SyncServerProcess.ADMIN_TOKEN);
                assertTrue(terminals.body().contains("\"highestContiguousSeq\":" + BACKLOG), terminals.body());
                BenchmarkReport.figure("backlog drain, 100,000 events, H2 server", "s", seconds, "<= 60 s");
                BenchmarkReport.figure("backlog drain rate", "events/s", BACKLOG / seconds, "-");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void fillBacklog(ApplicationContext kiosk) {
        TransactionOperations<Connection> tx = kiosk.getBean(TransactionOperations.class);
        Instant start = Instant.now().minusSeconds(21L * 24 * 3600);
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (seq, event_id, event_type, body, status, "
                    + "created_at) VALUES (?, ?, 'rating', ?, 'PENDING', ?)")) {
                for (int seq = 1; seq <= BACKLOG; seq++) {
                    String id = UUID.randomUUID().toString();
                    Instant at = start.plusSeconds(seq * 18L);
                    ps.setLong(1, seq);
                    ps.setString(2, id);
                    ps.setString(3, "{\"id\":\"" + id + "\",\"seq\":" + seq + ",\"type\":\"rating\",\"at\":\""
                            + at.atOffset(ZoneOffset.ofHours(7)) + "\",\"scale\":4,\"value\":" + (1 + seq % 4)
                            + ",\"channel\":\"BUTTON\"}");
                    ps.setObject(4, at.atOffset(ZoneOffset.UTC));
                    ps.addBatch();
                    if (seq % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE seq_counter SET last_seq = ? WHERE id = 1")) {
                ps.setLong(1, BACKLOG);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
