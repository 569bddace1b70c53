package vn.hailong.kiosk;

import vn.hailong.sync.SyncServerProcess;
import vn.hailong.hardware.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.outbox.SyncStatus;
import vn.hailong.kiosk.survey.SurveyBankCache;
import vn.hailong.kiosk.survey.SurveyFlow;
import vn.hailong.kiosk.survey.SurveyQuestions;
import vn.hailong.kiosk.survey.SurveyRecorder;

/** How the sender treats the real server's answers: rejections are final, a too-large batch is split. */
class OutboxSenderTest {
    @TempDir
    static Path serverDir;
    static SyncServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new SyncServerProcess(serverDir);
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private ApplicationContext kiosk(String terminal, int batchSize) throws Exception {
        HttpResponse<String> r = server.post("/api/v1/admin/terminals",
                "{\"terminalId\":\"" + terminal + "\",\"agencyCode\":\"000.00.15.H12\",\"counter\":\"1\"}",
                SyncServerProcess.ADMIN_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        String secret = r.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        return ApplicationContext.run(Map.of(
                "hailong.server-url", server.uri().toString(),
                "hailong.terminal-id", terminal,
                "hailong.terminal-secret", secret,
                "hailong.data-dir", dir.toString(),
                "hailong.sync.batch-size", batchSize,
                "hailong.sync.max-backoff-seconds", 1,
                "hailong.sync.idle-check-seconds", 1));
    }

    private static void append(OutboxStore outbox, int value) {
        String id = UUID.randomUUID().toString();
        outbox.appendDurably(id, "rating", seq -> "{\"id\":\"" + id + "\",\"seq\":" + seq
                + ",\"type\":\"rating\",\"at\":\"2026-11-20T08:00:00+07:00\",\"scale\":4,\"value\":" + value
                + ",\"channel\":\"BUTTON\"}", Instant.now());
    }

    @Test
    void aRejectedEventIsKeptAsRejectedAndNeverSentAgain() throws Exception {
        try (ApplicationContext context = kiosk("T-REJ-1", 500)) {
            OutboxStore outbox = context.getBean(OutboxStore.class);
            append(outbox, 4);
            append(outbox, 9);
            append(outbox, 1);
            context.getBean(OutboxSender.class).start();
            Await.until(Duration.ofSeconds(30), () -> outbox.pendingCount() == 0, () -> "the batch is answered");
            assertEquals(1, outbox.count("REJECTED"));
            assertEquals(2, outbox.count("SENT"));
        }
    }

    @Test
    void aHeartbeatReachesTheServerAndSentEventsArePrunedAfterRetention() throws Exception {
        try (ApplicationContext context = kiosk("T-HB-1", 500)) {
            OutboxStore outbox = context.getBean(OutboxStore.class);
            SyncStatus status = context.getBean(SyncStatus.class);
            append(outbox, 4);
            append(outbox, 9);
            append(outbox, 2);
            context.getBean(OutboxSender.class).start();
            Await.until(Duration.ofSeconds(30), () -> status.snapshot().serverReachable()
                    && status.snapshot().clockSkewSeconds() != null && outbox.pendingCount() == 0,
                    () -> "heartbeat answered and events sent: " + status.snapshot());
            assertEquals(0, outbox.pruneSent(Instant.now().minus(Duration.ofDays(1))), "younger than the retention");
            assertEquals(2, outbox.pruneSent(Instant.now().plus(Duration.ofDays(1))));
            assertEquals(1, outbox.count("REJECTED"), "rejected events are kept");
            assertEquals(0, outbox.count("SENT"));
        }
    }

    @Test
    void theSurveyBankIsFetchedAndASurveyFromItIsAccepted() throws Exception {
        try (ApplicationContext context = kiosk("T-SRV-1", 500)) {
            OutboxStore outbox = context.getBean(OutboxStore.class);
            SurveyBankCache bank = context.getBean(SurveyBankCache.class);
            context.getBean(OutboxSender.class).start();
            Await.until(Duration.ofSeconds(30), () -> bank.fetchedAt() != null, () -> "the bank is fetched");
            SurveyQuestions questions = bank.current();
            assertTrue(!questions.statements().isEmpty() && !questions.choices().isEmpty(), questions.toString());
            SurveyFlow flow = new SurveyFlow(questions, java.time.Clock.systemUTC(), Duration.ofSeconds(60));
            flow.choose(4);
            for (int i = 1; i < 5; i++) {
                flow.next();
            }
            flow.choose(2);
            context.getBean(SurveyRecorder.class).record(flow.finish(), "D-SRV-1");
            Await.until(Duration.ofSeconds(30), () -> outbox.pendingCount() == 0, () -> "the survey is answered");
            assertEquals(1, outbox.count("SENT"), "accepted, not rejected");
        }
    }

    @Test
    void aBatchTheServerFindsTooLargeIsSentInSmallerOnes() throws Exception {
        try (ApplicationContext context = kiosk("T-BIG-1", 1500)) {
            OutboxStore outbox = context.getBean(OutboxStore.class);
            for (int i = 0; i < 1200; i++) {
                append(outbox, i % 4 + 1);
            }
            context.getBean(OutboxSender.class).start();
            Await.until(Duration.ofSeconds(60), () -> outbox.pendingCount() == 0,
                    () -> "1200 events sent after the 413, pending " + outbox.pendingCount());
            assertEquals(1200, outbox.count("SENT"));
        }
    }
}
