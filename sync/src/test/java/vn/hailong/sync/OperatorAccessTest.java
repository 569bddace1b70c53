package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator endpoints: tokens, provisioning input, report parameters, health. */
@MicronautTest(environments = "synctest", transactional = false)
class OperatorAccessTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURI(), json);
    }

    private Api.Response provision(String body, String... auth) {
        String[] headers = new String[auth.length + 2];
        headers[0] = "Content-Type";
        headers[1] = "application/json";
        System.arraycopy(auth, 0, headers, 2, auth.length);
        return api.send("POST", "/api/v1/admin/terminals", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void operatorEndpointsNeedAKnownBearerToken() {
        String body = "{\"terminalId\":\"T-X\",\"agencyCode\":\"000.00.15.H12\",\"counter\":\"1\"}";
        Api.Response none = provision(body);
        assertEquals(401, none.status());
        assertTrue(none.contentType().startsWith("application/problem+json"));
        assertTrue(((String) none.json().get("detail")).contains("Bearer"));
        assertEquals(401, provision(body, "Authorization", "Bearer not-the-token").status());
        assertEquals(401, provision(body, "Authorization", "Basic dGVzdA==").status());
        assertEquals(401, api.send("GET", "/api/v1/reports/satisfaction?from=2026-01-01&to=2026-01-02", null).status());
        assertEquals(201, provision(body, "Authorization", "Bearer " + Api.ADMIN).status());
    }

    @Test
    void viewersReadReportsButCannotAdministerAndTokensRotate() {
        Api.Response viewer = api.admin("POST", "/api/v1/admin/operators", "{\"name\":\"so-noi-vu\",\"role\":\"VIEWER\"}");
        assertEquals(201, viewer.status(), viewer.body());
        String token = (String) viewer.json().get("token");
        assertEquals("VIEWER", viewer.json().get("role"));
        assertEquals(200, api.send("GET", "/api/v1/reports/satisfaction?from=2026-01-01&to=2026-01-02", null,
                "Authorization", "Bearer " + token).status());
        Api.Response forbidden = provision("{\"terminalId\":\"T-V\",\"agencyCode\":\"A\"}", "Authorization",
                "Bearer " + token);
        assertEquals(403, forbidden.status());
        assertTrue(((String) forbidden.json().get("detail")).contains("ADMIN"));

        Api.Response rotated = api.admin("POST", "/api/v1/admin/operators", "{\"name\":\"so-noi-vu\",\"role\":\"ADMIN\"}");
        String admin = (String) rotated.json().get("token");
        assertEquals(401, api.send("GET", "/api/v1/reports/satisfaction?from=2026-01-01&to=2026-01-02", null,
                "Authorization", "Bearer " + token).status(), "the old token stops working");
        assertEquals(201, provision("{\"terminalId\":\"T-V\",\"agencyCode\":\"A\"}", "Authorization",
                "Bearer " + admin).status());
        Api.Response badRole = api.admin("POST", "/api/v1/admin/operators", "{\"name\":\"x\",\"role\":\"ROOT\"}");
        assertEquals(400, badRole.status());
        assertEquals("role", badRole.json().get("field"));
    }

    @Test
    void provisioningSaysWhichFieldIsWrong() {
        String[][] cases = {
                {"{\"terminalId\":\"T 1\",\"agencyCode\":\"000.00.15.H12\"}", "terminalId"},
                {"{\"agencyCode\":\"000.00.15.H12\"}", "terminalId"},
                {"{\"terminalId\":\"T-1\"}", "agencyCode"},
                {"{\"terminalId\":\"T-1\",\"agencyCode\":\"000.00.15.H12\",\"counter\":\"quầy 1\"}", "counter"},
        };
        for (String[] c : cases) {
            Api.Response r = api.admin("POST", "/api/v1/admin/terminals", c[0]);
            assertEquals(400, r.status(), c[0] + " -> " + r.body());
            assertEquals(c[1], r.json().get("field"), r.body());
        }
        Api.Response broken = api.admin("POST", "/api/v1/admin/terminals", "{not json");
        assertEquals(400, broken.status(), broken.body());
        assertTrue(broken.contentType().startsWith("application/problem+json"), broken.contentType());
        assertEquals(404, api.admin("DELETE", "/api/v1/admin/terminals/T-NEVER", null).status());
    }

    @Test
    void reportParametersAreChecked() {
        String[][] cases = {
                {"to=2026-01-31", "from"},
                {"from=2026-01-01", "to"},
                {"from=2026-13-01&to=2026-12-31", "from"},
                {"from=2026-02-01&to=2026-01-31", "to"},
                {"from=2026-01-01&to=2026-01-31&groupBy=week", "groupBy"},
                {"from=2026-01-01&to=2026-01-31&format=xml", "format"},
                {"from=2026-01-01&to=2026-01-31&agency=has%20space", "agency"},
        };
        for (String[] c : cases) {
            Api.Response r = api.report(c[0]);
            assertEquals(400, r.status(), c[0] + " -> " + r.body());
            assertEquals(c[1], r.json().get("field"), c[0] + " -> " + r.body());
        }
    }

    @Test
    void prometheusExposesIngestCountsAndRequestLatency() {
        String terminal = "T-M-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, "000.00.15.H12", "1");
        Batches batches = new Batches(json);
        api.signed(terminal, secret, "/api/v1/sync/batches", batches.body(terminal, java.util.List.of(
                Batches.rating(java.util.UUID.randomUUID().toString(), 1, "2026-11-20T09:00:00+07:00", 4, 4),
                Batches.rating(java.util.UUID.randomUUID().toString(), 2, "2026-11-20T09:00:00+07:00", 4, 7))));
        api.report("from=2026-11-01&to=2026-11-30");
        Api.Response metrics = api.send("GET", "/prometheus", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("hailong_ingest_events_total{outcome=\"accepted\",reason=\"\"}"), metrics.body());
        assertTrue(metrics.body().contains("outcome=\"rejected\",reason=\"value\""), metrics.body());
        assertTrue(metrics.body().contains("uri=\"/api/v1/reports/satisfaction\""), "report latency per route");
    }

    @Test
    void healthIsUpWhenTheDatabaseAnswers() {
        Api.Response health = api.send("GET", "/health", null);
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().get("status"));
    }

    @Test
    void theOpenApiDocumentListsEveryEndpointOfTheContract() {
        Api.Response doc = api.send("GET", "/swagger/hailong-sync.yml", null);
        assertEquals(200, doc.status());
        for (String path : new String[] {"/api/v1/sync/batches:", "/api/v1/sync/heartbeat:", "/api/v1/sync/survey:",
                "/api/v1/admin/terminals:", "/api/v1/admin/terminals/{terminalId}:", "/api/v1/admin/operators:",
                "/api/v1/admin/agencies:", "/api/v1/admin/calendar/{year}:", "/api/v1/admin/rules:",
                "/api/v1/admin/survey:", "/api/v1/admin/dossiers:", "/api/v1/reports/satisfaction:",
                "/api/v1/reports/sipas:", "/api/v1/reports/dossiers:", "/api/v1/reports/dossiers/{code}:", "/api/v1/reports/apology:",
                "/api/v1/reports/terminals:"}) {
            assertTrue(doc.body().contains("\n  " + path), "the OpenAPI document lacks " + path);
        }
        assertTrue(doc.body().contains("scheme: bearer"), "operator endpoints declare the bearer scheme");
    }
}
