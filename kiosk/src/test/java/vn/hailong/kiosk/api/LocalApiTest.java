package vn.hailong.kiosk.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.LoopbackPanel;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.rating.RatingRecorder;

/** The local API the one-stop software calls, over real HTTP on loopback. */
class LocalApiTest {
    @TempDir
    Path dir;
    ApplicationContext context;
    URI base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        context = KioskContexts.offline(dir, "micronaut.server.port", -1);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        base = server.getURI();
    }

    @AfterEach
    void stop() {
        context.close();
    }

    record Answer(int status, String type, Map<String, Object> json) {
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = r.body().isEmpty() ? null
                : context.getBean(JsonMapper.class).readValue(r.body(), Argument.mapOf(String.class, Object.class));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json);
    }

    @Test
    void theOneStopSoftwareOpensReadsAndCancelsASession() throws Exception {
        Answer opened = call("POST", "/api/v1/session",
                "{\"dossierCode\":\"000.00.15.H12-241120-0007\",\"officerId\":\"cb07\",\"procedureCode\":\"2.000815\"}");
        assertEquals(201, opened.status(), String.valueOf(opened.json()));
        assertEquals("000.00.15.H12-241120-0007", opened.json().get("dossierCode"));
        assertTrue(opened.json().get("sessionId") instanceof String);
        assertTrue(opened.json().get("expiresAt") instanceof String);

        Answer again = call("POST", "/api/v1/session", "{\"dossierCode\":\"D-OTHER\"}");
        assertEquals(409, again.status());
        assertTrue(again.type().startsWith("application/problem+json"), again.type());
        assertTrue(((String) again.json().get("detail")).contains("000.00.15.H12-241120-0007"));

        Answer read = call("GET", "/api/v1/session", null);
        assertEquals(200, read.status());
        assertEquals("cb07", read.json().get("officerId"));
        assertEquals("WAITING_FOR_RATING", read.json().get("state"));

        assertEquals(204, call("DELETE", "/api/v1/session", null).status());
        assertEquals(404, call("GET", "/api/v1/session", null).status());
        assertEquals(204, call("DELETE", "/api/v1/session", null).status(), "cancelling nothing is fine");
    }

    @Test
    void aPressAnswersTheSessionItOpened() throws Exception {
        assertEquals(201, call("POST", "/api/v1/session", "{\"dossierCode\":\"D-42\",\"officerId\":\"cb01\"}").status());
        LoopbackPanel panel = new LoopbackPanel(4, Channel.BUTTON, Clock.systemUTC());
        panel.start(context.getBean(RatingRecorder.class));
        assertEquals(PressOutcome.STORED, panel.press(3));
        assertEquals(404, call("GET", "/api/v1/session", null).status(), "the press closed it");
        String body = context.getBean(OutboxStore.class).pending(1).get(0).body();
        assertTrue(body.contains("\"dossierCode\":\"D-42\"") && body.contains("\"officerId\":\"cb01\""), body);
        assertEquals(201, call("POST", "/api/v1/session", "{\"dossierCode\":\"D-43\"}").status(), "the next one may open");
    }

    @Test
    void badInputIs400WithTheField() throws Exception {
        Answer missing = call("POST", "/api/v1/session", "{\"officerId\":\"cb01\"}");
        assertEquals(400, missing.status());
        assertEquals("dossierCode", missing.json().get("field"));
        Answer spaces = call("POST", "/api/v1/session", "{\"dossierCode\":\"D 1\"}");
        assertEquals(400, spaces.status());
        Answer officer = call("POST", "/api/v1/session", "{\"dossierCode\":\"D-1\",\"officerId\":\"cán bộ\"}");
        assertEquals("officerId", officer.json().get("field"));
        assertEquals(400, call("POST", "/api/v1/session", "{not json").status());
        assertEquals(404, call("GET", "/api/v1/session", null).status(), "nothing opened by bad input");
    }

    @Test
    void sentEventsCanBeQueuedAgainForAServerRestoredFromBackup() throws Exception {
        OutboxStore outbox = context.getBean(OutboxStore.class);
        outbox.appendDurably("e-1", "rating", seq -> "{}", java.time.Instant.now());
        outbox.appendDurably("e-2", "rating", seq -> "{}", java.time.Instant.now());
        outbox.markAnswered(java.util.List.of(1L, 2L), Map.of(2L, "value: must be 1..4"), 2, java.time.Instant.now());
        Answer r = call("POST", "/api/v1/outbox/resend", null);
        assertEquals(200, r.status());
        assertEquals(1, ((Number) r.json().get("requeued")).intValue(), "the rejected one stays rejected");
        assertEquals(1, outbox.pendingCount());
    }

    @Test
    void statusSaysWhatTheOfficerNeeds() throws Exception {
        Answer status = call("GET", "/api/v1/status", null);
        assertEquals(200, status.status());
        assertEquals("T-TEST", status.json().get("terminalId"));
        assertEquals(0, ((Number) status.json().get("pending")).intValue());
        assertNull(status.json().get("lastSyncAt"));
        assertEquals("NONE", status.json().get("panel"));
        assertTrue(status.json().containsKey("clockSkewSeconds"));
        assertTrue(status.json().containsKey("lastError"));
    }
}
