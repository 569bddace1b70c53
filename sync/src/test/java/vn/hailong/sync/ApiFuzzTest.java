package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A fuzz run over the HTTP API: malformed JSON, wrong types, huge numbers, deep nesting, oversized and invalid
 * UTF-8 bodies, SQL metacharacters and control characters in every string field and query parameter, formula
 * cells in CSV. Every answer must be 2xx or 4xx, a refusal must be a problem document without a stack trace, and
 * the server must keep serving. Deterministic (seeded), so a failure replays.
 */
@MicronautTest(environments = "synctest", transactional = false)
class ApiFuzzTest {
    private static final String[] NASTY = {"", " ", "'", "\"", "' OR '1'='1", "'; DROP TABLE rating; --", "\\", "%",
        "_", "\u0000", "\u0007\u001b[2J", "\r\n", "=CMD()", "+SUM(A1)", "-1+1", "@x", "ĐÁNH GIÁ", "𝕳𝖆𝖎",
        "x".repeat(70), "x".repeat(5000), "../../etc/passwd", "${jndi:ldap://x}", "<script>", "null", "NaN"};
    private static final Object[] ODD_VALUES = {null, true, -1, 0, 1.5, 1e308, "99999999999999999999999999",
        Long.MAX_VALUE, List.of(), Map.of(), List.of(1, 2), "4"};

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private final Random random = new Random(20261122);
    private int tried;

    private void check(String what, Api.Response r) {
        tried++;
        assertTrue(r.status() < 500, what + " answered " + r.status() + ": " + r.body());
        if (r.status() >= 400) {
            assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType() + " " + r.body());
            assertFalse(r.body().contains("\tat ") || r.body().contains("Exception") || r.body().contains("org.h2")
                    || r.body().contains("SQL"), what + " leaks internals: " + r.body());
        }
    }

    private Object odd() {
        return random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : ODD_VALUES[random.nextInt(ODD_VALUES.length)];
    }

    /** The valid object with one or two fields replaced by something odd, or one removed. */
    private Map<String, Object> mutate(Map<String, Object> valid) {
        Map<String, Object> copy = new LinkedHashMap<>(valid);
        List<String> keys = new ArrayList<>(copy.keySet());
        for (int n = 0; n < 1 + random.nextInt(2); n++) {
            String key = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(8) == 0) {
                copy.remove(key);
            } else {
                copy.put(key, odd());
            }
        }
        return copy;
    }

    private byte[] raw(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bodies that are not what any endpoint expects. */
    private List<byte[]> brokenBodies() {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        bodies.add("{".getBytes(StandardCharsets.UTF_8));
        bodies.add("[]".getBytes(StandardCharsets.UTF_8));
        bodies.add("null".getBytes(StandardCharsets.UTF_8));
        bodies.add("\"text\"".getBytes(StandardCharsets.UTF_8));
        bodies.add("{\"a\":1e999999}".getBytes(StandardCharsets.UTF_8));
        bodies.add(("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        bodies.add(("{\"events\":[" + "1,".repeat(400_000) + "1]}").getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    @Test
    void noInputMakesTheServerFailOrLeakAndItKeepsServing() {
        Api api = new Api(server.getURI(), json);
        Batches batches = new Batches(json);
        String terminal = "T-FZ-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, "FUZZ", "1");
        String[] admin = {"Authorization", "Bearer " + Api.ADMIN, "Content-Type", "application/json"};

        // terminal endpoints: broken envelopes, then valid envelopes with odd events
        for (byte[] body : brokenBodies()) {
            check("batch " + new String(body, 0, Math.min(40, body.length), StandardCharsets.UTF_8),
                    api.signed(terminal, secret, "/api/v1/sync/batches", body));
            check("heartbeat", api.signed(terminal, secret, "/api/v1/sync/heartbeat", body));
        }
        Map<String, Object> event = Batches.rating(UUID.randomUUID().toString(), 1, "2026-11-20T09:00:00+07:00", 4, 4);
        event.put("dossierCode", "D-1");
        event.put("officerId", "cb1");
        event.put("procedureCode", "p1");
        event.put("counter", "1");
        event.put("reasons", List.of("OFFICER"));
        Map<String, Object> survey = new LinkedHashMap<>(Map.of("id", UUID.randomUUID().toString(), "seq", 2,
                "type", "survey", "at", "2026-11-20T09:00:00+07:00", "answers", Map.of("ACCESS", 4),
                "assessments", Map.of("FEES_POSTED", true), "expectations", List.of("WAITING_TIME")));
        for (int i = 0; i < 150; i++) {
            Map<String, Object> e = mutate(i % 3 == 0 ? survey : event);
            e.putIfAbsent("id", UUID.randomUUID().toString());
            check("event " + e, api.signed(terminal, secret, "/api/v1/sync/batches", batches.body(terminal, List.of(e))));
            Map<String, Object> envelope = mutate(Map.of("batchId", "b" + i, "terminalId", terminal,
                    "sentAt", "2026-11-20T09:00:00+07:00", "events", List.of(event)));
            check("envelope " + envelope, api.signed(terminal, secret, "/api/v1/sync/batches", raw(envelope)));
            Map<String, Object> heartbeat = mutate(Map.of("terminalId", terminal, "sentAt", "2026-11-20T09:00:00+07:00",
                    "pending", 0, "panel", "OK", "version", "1"));
            check("heartbeat " + heartbeat, api.signed(terminal, secret, "/api/v1/sync/heartbeat", raw(heartbeat)));
        }

        // operator endpoints, as ADMIN: every body field odd in turn
        Map<String, Map<String, Object>> adminBodies = new LinkedHashMap<>();
        adminBodies.put("POST /api/v1/admin/terminals", Map.of("terminalId", "T-FZ-X", "agencyCode", "FUZZ", "counter", "1"));
        adminBodies.put("POST /api/v1/admin/operators", Map.of("name", "fuzz", "role", "VIEWER"));
        adminBodies.put("PUT /api/v1/admin/rules", Map.of("apologyDeadline", "BY_DUE", "sipasWeights", Map.of("ACCESS", 1),
                "repeatedLatenessThreshold", 3));
        adminBodies.put("PUT /api/v1/admin/calendar/2027", Map.of("holidays", List.of("2027-01-01"), "workingDays", List.of()));
        adminBodies.put("PUT /api/v1/admin/survey", Map.of("assessments", List.of(Map.of("code", "FEES_POSTED", "element",
                "ACCESS", "vi", "Phí", "en", "Fees")), "expectations", List.of(Map.of("code", "W", "vi", "Chờ", "en", "Wait"))));
        for (Map.Entry<String, Map<String, Object>> e : adminBodies.entrySet()) {
            String[] call = e.getKey().split(" ");
            for (byte[] body : brokenBodies()) {
                check(e.getKey() + " broken", api.send(call[0], call[1], body, admin));
            }
            for (int i = 0; i < 40; i++) {
                Map<String, Object> body = mutate(e.getValue());
                check(e.getKey() + " " + body, api.send(call[0], call[1], raw(body), admin));
            }
        }
        for (int i = 0; i < 40; i++) {
            Object agency = odd();
            check("agencies " + agency, api.send("PUT", "/api/v1/admin/agencies", raw(List.of(mutate(Map.of("code", "FZ-A",
                    "name", "Cơ quan", "parentCode", "FUZZ")))), admin));
            check("calendar year", api.send("PUT", "/api/v1/admin/calendar/" + URLEncoder.encode(String.valueOf(agency),
                    StandardCharsets.UTF_8), raw(Map.of("holidays", List.of())), admin));
        }
        Map<String, Object> dossier = new LinkedHashMap<>(Map.of("code", "FZ-D1", "agencyCode", "FUZZ", "procedureCode", "p1",
                "receivedAt", "2026-06-01T08:00:00+07:00", "dueAt", "2026-06-15T17:00:00+07:00",
                "returnedAt", "2026-06-16T09:00:00+07:00", "apologies", List.of(), "steps", List.of()));
        for (int i = 0; i < 60; i++) {
            check("dossier json", api.send("POST", "/api/v1/admin/dossiers", raw(List.of(mutate(dossier))), admin));
            String cell = NASTY[random.nextInt(NASTY.length)].replace("\"", "\"\"");
            String csv = "code,agencyCode,procedureCode,receivedAt,dueAt,returnedAt,officerId\nFZ-C" + i
                    + ",FUZZ,p1,2026-06-01T08:00:00+07:00,2026-06-15T17:00:00+07:00,,\"" + cell + "\"\n";
            check("dossier csv " + cell, api.send("POST", "/api/v1/admin/dossiers", csv.getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + Api.ADMIN, "Content-Type", "text/csv"));
        }
        for (byte[] body : brokenBodies()) {
            check("dossier csv broken", api.send("POST", "/api/v1/admin/dossiers", body, "Authorization", "Bearer "
                    + Api.ADMIN, "Content-Type", "text/csv"));
        }

        // reports: every query parameter odd in turn, as JSON and CSV
        for (String report : List.of("satisfaction", "sipas", "dossiers", "apology", "terminals")) {
            for (int i = 0; i < 30; i++) {
                Map<String, Object> params = mutate(new LinkedHashMap<>(Map.of("from", "2026-01-01", "to", "2026-12-31",
                        "agency", "FUZZ", "groupBy", "day", "format", i % 2 == 0 ? "csv" : "json", "asOf",
                        "2026-12-31T00:00:00Z")));
                StringBuilder q = new StringBuilder();
                params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
                Api.Response r = api.send("GET", "/api/v1/reports/" + report + "?" + q, null, "Authorization",
                        "Bearer " + Api.ADMIN);
                check(report + "?" + q, r);
                if (r.status() == 200 && r.contentType().startsWith("text/csv")) {
                    for (String line : r.body().split("\n")) {
                        for (String cellText : line.split(",")) {
                            String c = cellText.startsWith("\"") ? cellText.substring(1) : cellText;
                            assertFalse(c.startsWith("=") || c.startsWith("+") || c.startsWith("@"),
                                    "an exported cell could run as a formula: " + line);
                        }
                    }
                }
            }
        }

        // one dossier's details: odd codes in the path, odd instants
        for (String nasty : NASTY) {
            String code = URLEncoder.encode(nasty, StandardCharsets.UTF_8).replace("+", "%20");
            check("dossier details " + nasty, api.send("GET", "/api/v1/reports/dossiers/" + (code.isEmpty() ? "%20" : code),
                    null, "Authorization", "Bearer " + Api.ADMIN));
            check("dossier details asOf " + nasty, api.send("GET", "/api/v1/reports/dossiers/FZ-C1?asOf=" + code, null,
                    "Authorization", "Bearer " + Api.ADMIN));
        }

        assertEquals(200, api.send("GET", "/health", null).status(), "the server still serves after " + tried + " requests");
        System.out.println("ApiFuzzTest: " + tried + " odd requests, none answered 5xx");
    }
}
