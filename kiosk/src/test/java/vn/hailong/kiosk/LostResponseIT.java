package vn.hailong.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.LoopbackPanel;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.rating.RatingRecorder;
import vn.hailong.sync.SyncServerProcess;

/**
 * Answers lost after the server committed: the kiosk talks to the packaged server through a proxy that drops
 * 40 % of the answers. Every press reaches the server exactly once (the re-sent batches are duplicates).
 */
class LostResponseIT {
    private static final int PRESSES = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyPressIsCountedOnceWhenAnswersAreLost() throws Exception {
        try (SyncServerProcess server = new SyncServerProcess(dir)) {
            server.start();
            String secret = server.provision("T-LOSS-01", "LOSS", "1");
            try (LossyProxy proxy = new LossyProxy(server.uri(), 0.4);
                 ApplicationContext kiosk = KioskContexts.online(dir.resolve("kiosk"), proxy.uri(), "T-LOSS-01", secret,
                         "hailong.sync.batch-size", 20)) {
                LoopbackPanel panel = new LoopbackPanel(4, Channel.BUTTON, Clock.systemUTC());
                panel.start(kiosk.getBean(RatingRecorder.class));
                kiosk.getBean(OutboxSender.class).start();
                OutboxStore outbox = kiosk.getBean(OutboxStore.class);
                int[] byValue = new int[5];
                for (int i = 0; i < PRESSES; i++) {
                    int button = 1 + i % 4;
                    long before = outbox.lastSeq();
                    panel.press(button);
                    Await.until(Duration.ofSeconds(10), () -> outbox.lastSeq() == before + 1, () -> "the press is stored");
                    byValue[button]++;
                }
                Await.until(Duration.ofMinutes(3), () -> outbox.pendingCount() == 0,
                        () -> "every press sent through the lossy link; pending " + outbox.pendingCount());
                assertTrue(proxy.dropped() > 0, "answers were lost on the way: " + proxy.dropped());

                LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
                HttpResponse<String> report = server.get("/api/v1/reports/satisfaction?agency=LOSS&from="
                        + today.minusDays(1) + "&to=" + today.plusDays(1), SyncServerProcess.ADMIN_TOKEN);
                assertTrue(report.body().contains("\"counted\":" + PRESSES + ","), report.body());
                String metrics = server.get("/prometheus", null).body();
                double duplicates = metrics.lines().filter(l -> l.startsWith("hailong_ingest_events_total")
                        && l.contains("outcome=\"duplicate\"")).mapToDouble(l -> Double.parseDouble(l.substring(
                        l.lastIndexOf(' ') + 1))).sum();
                assertTrue(duplicates > 0, "re-sent batches were recognised as duplicates: " + duplicates);
                System.out.printf("LostResponseIT: %d presses confirmed, %d answers dropped, %.0f duplicate events "
                        + "re-sent, %d counted%n", PRESSES, proxy.dropped(), duplicates, PRESSES);
                assertEquals(PRESSES, byValue[1] + byValue[2] + byValue[3] + byValue[4]);
            }
        }
    }
}
