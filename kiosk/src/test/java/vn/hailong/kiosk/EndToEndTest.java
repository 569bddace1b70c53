package vn.hailong.kiosk;

import vn.hailong.sync.SyncServerProcess;
import vn.hailong.hardware.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.LoopbackPanel;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.outbox.SyncProblem;
import vn.hailong.kiosk.outbox.SyncStatus;
import vn.hailong.kiosk.rating.RatingRecorder;

/**
 * A rating travels from a button press to the central report: the real server jar as a process on loopback,
 * the kiosk core with its H2 file and a loopback panel. The server goes away and comes back, the kiosk
 * restarts, everything is sent again: the report counts every press exactly once.
 */
class EndToEndTest {
    private static final String TERMINAL = "T-E2E-01";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ApplicationContext kiosk(SyncServerProcess server, String secret) {
        return KioskContexts.online(dir.resolve("kiosk"), server.uri(), TERMINAL, secret);
    }

    @Test
    void everyPressIsCountedExactlyOnceThroughOutageRestartAndRedelivery() throws Exception {
        try (SyncServerProcess server = new SyncServerProcess(dir)) {
            server.start();
            HttpResponse<String> provisioned = server.post("/api/v1/admin/terminals",
                    "{\"terminalId\":\"" + TERMINAL + "\",\"agencyCode\":\"000.00.15.H12\",\"counter\":\"3\"}",
                    SyncServerProcess.ADMIN_TOKEN);
            assertEquals(201, provisioned.statusCode(), provisioned.body());
            String secret = provisioned.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");

            int[] byValue = new int[5];
            try (ApplicationContext context = kiosk(server, secret)) {
                JsonMapper json = context.getBean(JsonMapper.class);
                OutboxStore outbox = context.getBean(OutboxStore.class);
                LoopbackPanel panel = startKiosk(context);

                press(panel, 10, byValue);
                Await.until(DEADLINE, () -> outbox.pendingCount() == 0, () -> "all 10 sent, pending "
                        + outbox.pendingCount());
                assertReport(server, json, byValue);

                server.stop();
                press(panel, 7, byValue);
                SyncStatus status = context.getBean(SyncStatus.class);
                Await.until(DEADLINE, () -> status.snapshot().lastError() == SyncProblem.UNREACHABLE,
                        () -> "the kiosk notices the server is gone, status " + status.snapshot());
                assertEquals(7, outbox.pendingCount(), "stored while the server is down, kept for later");

                server.start();
                Await.until(DEADLINE, () -> outbox.pendingCount() == 0, () -> "the backlog drains after the server "
                        + "returns, pending " + outbox.pendingCount());
                assertReport(server, json, byValue);

                // Everything sent again (as after a server restored from backup): duplicates, not new ratings.
                assertEquals(17, outbox.requeueSent());
                Await.until(DEADLINE, () -> outbox.pendingCount() == 0, () -> "the resend completes");
                assertReport(server, json, byValue);
            }

            // The kiosk restarts on the same H2 file: seq continues at 18, nothing is resent or lost.
            try (ApplicationContext context = kiosk(server, secret)) {
                JsonMapper json = context.getBean(JsonMapper.class);
                OutboxStore outbox = context.getBean(OutboxStore.class);
                LoopbackPanel panel = startKiosk(context);
                press(panel, 1, byValue);
                Await.until(DEADLINE, () -> outbox.pendingCount() == 0, () -> "the press after restart is sent");
                assertReport(server, json, byValue);
                Map<String, Object> terminals = reportOf(server, json, "satisfaction", "&groupBy=terminal");
                assertTrue(terminals.toString().contains(TERMINAL), terminals.toString());
            }
        }
    }

    private static LoopbackPanel startKiosk(ApplicationContext context) {
        LoopbackPanel panel = new LoopbackPanel(4, Channel.BUTTON, Clock.systemUTC());
        panel.start(context.getBean(RatingRecorder.class));
        context.getBean(OutboxSender.class).start();
        return panel;
    }

    /** Presses buttons 1,2,3,4,1,... and insists each one is confirmed as stored. */
    private static void press(LoopbackPanel panel, int times, int[] byValue) {
        for (int i = 0; i < times; i++) {
            int total = byValue[1] + byValue[2] + byValue[3] + byValue[4];
            int button = total % 4 + 1;
            assertEquals(PressOutcome.STORED, panel.press(button));
            byValue[button]++;
        }
    }

    private static void assertReport(SyncServerProcess server, JsonMapper json, int[] byValue) {
        Map<String, Object> total = total(reportOf(server, json, "satisfaction", ""));
        long pressed = byValue[1] + byValue[2] + byValue[3] + byValue[4];
        assertEquals(pressed, ((Number) total.get("counted")).longValue(), total.toString());
        assertEquals(Map.of("satisfied", byValue[3] + byValue[4], "neutral", byValue[2], "dissatisfied", byValue[1]),
                total.get("byClass"), total.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> total(Map<String, Object> report) {
        return (Map<String, Object>) report.get("total");
    }

    private static Map<String, Object> reportOf(SyncServerProcess server, JsonMapper json, String name, String extra) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        try {
            HttpResponse<String> r = server.get("/api/v1/reports/" + name + "?from=" + today.minusDays(1) + "&to="
                    + today.plusDays(1) + extra, SyncServerProcess.ADMIN_TOKEN);
            assertEquals(200, r.statusCode(), r.body());
            return json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
