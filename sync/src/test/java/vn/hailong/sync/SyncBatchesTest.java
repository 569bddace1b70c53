package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.utf8;
import static vn.hailong.sync.Batches.with;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of {@code POST /api/v1/sync/batches}, through real HTTP on loopback and a real H2 file. */
@MicronautTest(environments = "synctest", transactional = false)
class SyncBatchesTest {
    private static final String PATH = "/api/v1/sync/batches";
    private static final String AGENCY = "000.00.15.H12";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    Api api;
    Batches batches;
    String terminal;
    String secret;

    @BeforeEach
    void provision() {
        api = new Api(server.getURI(), json);
        batches = new Batches(json);
        terminal = "T-" + UUID.randomUUID().toString().substring(0, 8);
        secret = api.provision(terminal, AGENCY, "3");
    }

    private Api.Response send(List<?> events) {
        return api.signed(terminal, secret, PATH, batches.body(terminal, events));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private long counted() {
        return ((Number) api.report("from=2026-01-01&to=2026-12-31&agency=" + AGENCY).map("total").get("counted"))
                .longValue();
    }

    private static String reason(Api.Response r, int i) {
        return (String) r.list("rejected").get(i).get("reason");
    }

    @Test
    void storesValidEventsAndAdvancesTheContiguousSeq() {
        long before = counted();
        Api.Response r = send(List.of(
                rating(id(), 1, "2026-11-20T08:15:02+07:00", 4, 4),
                with(rating(id(), 2, "2026-11-20T08:16:02+07:00", 4, 1), "reasons", List.of("OFFICER", "RESULT")),
                with(rating(id(), 3, "2026-11-20T08:17:02+07:00", 5, 3), "dossierCode", "000.00.15.H12-" + id())));
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.number("accepted"));
        assertEquals(0, r.number("duplicates"));
        assertEquals(List.of(), r.list("rejected"));
        assertEquals(3, r.number("highestContiguousSeq"));
        assertTrue(OffsetDateTime.parse((String) r.json().get("serverTime")).isAfter(OffsetDateTime.now().minusMinutes(1)));
        assertEquals(before + 3, counted());
    }

    @Test
    void aRedeliveredBatchIsCountedOnce() {
        List<Map<String, Object>> events = List.of(rating(id(), 1, "2026-11-20T09:00:00+07:00", 4, 3),
                rating(id(), 2, "2026-11-20T09:01:00+07:00", 4, 2));
        long before = counted();
        assertEquals(2, send(events).number("accepted"));
        Api.Response again = send(events);
        assertEquals(0, again.number("accepted"));
        assertEquals(2, again.number("duplicates"));
        assertEquals(2, again.number("highestContiguousSeq"));
        assertEquals(before + 2, counted());
    }

    @Test
    void theSameIdTwiceInOneBatchIsOneEventAndOneDuplicate() {
        Map<String, Object> e = rating(id(), 1, "2026-11-20T09:00:00+07:00", 3, 3);
        Api.Response r = send(List.of(e, e));
        assertEquals(1, r.number("accepted"));
        assertEquals(1, r.number("duplicates"));
    }

    @Test
    void theSameIdWithOtherContentIsAConflict() {
        String id = id();
        send(List.of(rating(id, 1, "2026-11-20T09:00:00+07:00", 4, 4)));
        long before = counted();
        Api.Response r = send(List.of(rating(id, 1, "2026-11-20T09:00:00+07:00", 4, 1)));
        assertEquals(0, r.number("accepted"));
        assertEquals("CONFLICT", reason(r, 0));
        assertEquals(id, r.list("rejected").get(0).get("id"));
        assertEquals(before, counted());
    }

    /**
     * A batch's first try looks up only the terminal's own seqs: an id stored under another seq, or by another
     * terminal, is found when the insert fails on it, and the batch is judged again with every id looked up.
     */
    @Test
    void anIdStoredUnderAnotherSeqOrByAnotherTerminalIsFoundAndCountedOnce() {
        String id = id();
        Map<String, Object> first = rating(id, 1, "2026-11-20T09:00:00+07:00", 4, 4);
        assertEquals(1, send(List.of(first)).number("accepted"));
        long before = counted();
        double retried = retries();

        Api.Response underAnotherSeq = send(List.of(rating(id(), 2, "2026-11-20T09:01:00+07:00", 4, 4),
                rating(id, 3, "2026-11-20T09:00:00+07:00", 4, 4)));
        assertEquals(200, underAnotherSeq.status(), underAnotherSeq.body());
        assertEquals(1, underAnotherSeq.number("accepted"));
        assertEquals("CONFLICT", reason(underAnotherSeq, 0));
        assertEquals(id, underAnotherSeq.list("rejected").get(0).get("id"));
        assertEquals(2, underAnotherSeq.number("highestContiguousSeq"), "seq 3 was not stored");

        String other = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String otherSecret = api.provision(other, AGENCY, "4");
        Api.Response byAnother = api.signed(other, otherSecret, PATH, batches.body(other, List.of(first,
                rating(id(), 2, "2026-11-20T09:02:00+07:00", 4, 4))));
        assertEquals(200, byAnother.status(), byAnother.body());
        assertEquals(1, byAnother.number("accepted"));
        assertEquals(1, byAnother.number("duplicates"), "the same event, already stored, is a duplicate");
        assertEquals(List.of(), byAnother.list("rejected"));
        assertEquals(before + 2, counted());
        assertEquals(retried + 2, retries(), "each of the two batches was applied again with every id looked up");
    }

    private double retries() {
        return meters.find("hailong.ingest.retries").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void anotherEventReusingASeqIsRejected() {
        send(List.of(rating(id(), 1, "2026-11-20T09:00:00+07:00", 4, 4)));
        Api.Response r = send(List.of(rating(id(), 1, "2026-11-20T09:05:00+07:00", 4, 4)));
        assertEquals("SEQ_CONFLICT", reason(r, 0));
    }

    @Test
    void theContiguousSeqStopsAtAGapUntilItIsFilled() {
        assertEquals(2, send(List.of(rating(id(), 1, "2026-11-20T09:00:00+07:00", 4, 4),
                rating(id(), 2, "2026-11-20T09:00:01+07:00", 4, 4),
                rating(id(), 4, "2026-11-20T09:00:03+07:00", 4, 4))).number("highestContiguousSeq"));
        assertEquals(4, send(List.of(rating(id(), 3, "2026-11-20T09:00:02+07:00", 4, 4)))
                .number("highestContiguousSeq"));
    }

    @Test
    void theTerminalsReportShowsGapsSkewAndTheLastHeartbeat() {
        send(List.of(rating(id(), 1, "2026-11-20T09:00:00+07:00", 4, 4), rating(id(), 2, "2026-11-20T09:00:01+07:00", 4, 4),
                rating(id(), 5, "2026-11-20T09:00:04+07:00", 4, 4), rating(id(), 9, "2026-11-20T09:00:08+07:00", 4, 4)));
        api.signed(terminal, secret, "/api/v1/sync/heartbeat", utf8("{\"terminalId\":\"" + terminal
                + "\",\"sentAt\":\"2026-11-20T08:15:30+07:00\",\"pending\":4,\"panel\":\"OFFLINE\"}"));
        Api.Response r = api.send("GET", "/api/v1/reports/terminals?agency=" + AGENCY, null, "Authorization",
                "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        Map<String, Object> row = r.list("rows").stream().filter(x -> terminal.equals(x.get("terminalId"))).findFirst()
                .orElseThrow();
        assertEquals(2L, ((Number) row.get("highestContiguousSeq")).longValue());
        assertEquals(List.of(Map.of("from", 3, "to", 4), Map.of("from", 6, "to", 8)), row.get("gaps"));
        assertEquals("OFFLINE", row.get("panel"));
        assertEquals(4, ((Number) row.get("pending")).intValue());
        assertTrue(row.get("lastSeen") instanceof String);
        assertTrue(Math.abs(((Number) row.get("clockSkewSeconds")).longValue()) < 60);
        assertEquals("3", row.get("counter"));
        Api.Response csv = api.send("GET", "/api/v1/reports/terminals?format=csv&agency=" + AGENCY, null,
                "Authorization", "Bearer " + Api.ADMIN);
        assertTrue(csv.body().contains(terminal + "," + AGENCY + ",3,false,"), csv.body());
        assertTrue(csv.body().contains(",3-4 6-8,"), csv.body());
        // once the terminal delivers the missing seqs, it has no gap left
        send(List.of(rating(id(), 3, "2026-11-20T09:00:02+07:00", 4, 4), rating(id(), 4, "2026-11-20T09:00:03+07:00", 4, 4),
                rating(id(), 6, "2026-11-20T09:00:05+07:00", 4, 4), rating(id(), 7, "2026-11-20T09:00:06+07:00", 4, 4)));
        Map<String, Object> partly = terminalRow();
        assertEquals(7L, ((Number) partly.get("highestContiguousSeq")).longValue());
        assertEquals(List.of(Map.of("from", 8, "to", 8)), partly.get("gaps"));
        send(List.of(rating(id(), 8, "2026-11-20T09:00:07+07:00", 4, 4)));
        Map<String, Object> whole = terminalRow();
        assertEquals(9L, ((Number) whole.get("highestContiguousSeq")).longValue());
        assertEquals(List.of(), whole.get("gaps"));
    }

    private Map<String, Object> terminalRow() {
        Api.Response r = api.send("GET", "/api/v1/reports/terminals?agency=" + AGENCY, null, "Authorization",
                "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        return r.list("rows").stream().filter(x -> terminal.equals(x.get("terminalId"))).findFirst().orElseThrow();
    }

    @Test
    void eachInvalidEventIsRejectedAloneWithItsFieldAndValidOnesAreStored() {
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(25).toString();
        Map<String, Object> ok = rating(id(), 1, "2026-11-20T10:00:00+07:00", 4, 4);
        List<Object> events = new ArrayList<>(List.of(ok,
                rating(id(), 2, "2026-11-20T10:00:00+07:00", 4, 5),
                rating(id(), 3, "2026-11-20T10:00:00+07:00", 6, 1),
                with(rating(id(), 4, "2026-11-20T10:00:00+07:00", 4, 1), "reasons", List.of("PARKING")),
                with(rating(id(), 5, "2026-11-20T10:00:00+07:00", 4, 4), "reasons", List.of("OFFICER")),
                rating(id(), 6, "2026-11-20T10:00:00", 4, 4),
                rating(id(), 7, later, 4, 4),
                with(rating(id(), 8, "2026-11-20T10:00:00+07:00", 4, 4), "channel", "VOICE"),
                with(rating(id(), 9, "2026-11-20T10:00:00+07:00", 4, 4), "type", "complaint"),
                with(rating(id(), 10, "2026-11-20T10:00:00+07:00", 4, 4), "terminalId", "T-OTHER"),
                with(rating(id(), 11, "2026-11-20T10:00:00+07:00", 4, 4), "dossierCode", "has space"),
                with(rating(id(), 12, "2026-11-20T10:00:00+07:00", 4, 4), "value", "4"),
                with(rating(id(), 13, "2026-11-20T10:00:00+07:00", 4, 4), "value", 3.5),
                with(rating(null, 14, "2026-11-20T10:00:00+07:00", 4, 4), "id", null),
                "not an object"));
        long before = counted();
        Api.Response r = send(events);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.number("accepted"));
        List<Map<String, Object>> rejected = r.list("rejected");
        assertEquals(14, rejected.size(), r.body());
        List<String> fields = rejected.stream().map(x -> (String) x.get("field")).toList();
        assertEquals(List.of("value", "scale", "reasons", "reasons", "at", "at", "channel", "type", "terminalId",
                "dossierCode", "value", "value", "id", "event"), fields);
        assertTrue(reason(r, 0).startsWith("value: "), reason(r, 0));
        assertTrue(reason(r, 0).contains("1 to 4"), reason(r, 0));
        assertTrue(reason(r, 5).contains("24 h"), reason(r, 5));
        assertEquals(2L, ((Number) rejected.get(0).get("seq")).longValue());
        assertNull(rejected.get(13).get("id"));
        // seqs 1..13 are stored or rejected; 14 had no id, so it is not covered
        assertEquals(13, r.number("highestContiguousSeq"));
        assertEquals(before + 1, counted());
    }

    @Test
    void aResentRejectedEventGetsTheSameRejection() {
        Map<String, Object> bad = rating(id(), 1, "2026-11-20T10:00:00+07:00", 4, 9);
        String first = reason(send(List.of(bad)), 0);
        Api.Response again = send(List.of(bad));
        assertEquals(first, reason(again, 0));
        assertEquals(0, again.number("accepted"));
        assertEquals(0, again.number("duplicates"));
    }

    /**
     * What a row holds is what was sent, whatever its characters: on PostgreSQL the rows go by COPY, whose text
     * format gives backslash, tab and newline meanings of their own ({@code \N} is a NULL there).
     */
    @Test
    void storesEveryFieldAsSentWhateverCharactersItHolds() {
        String id = id();
        String dossier = "D\\N\\t" + id;
        Api.Response r = send(List.of(
                with(with(with(rating(id, 1, "2026-11-20T08:15:02.123456789+07:00", 4, 1), "officerId", "\\N"),
                        "dossierCode", dossier), "reasons", List.of("OFFICER")),
                with(rating(id(), 2, "2026-11-20T08:16:02+07:00", 4, 4), "channel", "Điện\tthoại\n\\N\r"),
                with(rating(id(), 3, "2026-11-20T08:17:02Z", 5, 5), "procedureCode", null)));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.number("accepted"));
        String rejection = reason(r, 0);
        assertTrue(rejection.endsWith("got 'Điện\tthoại\n\\N\r'"), rejection);
        transactions.executeRead(status -> {
            try (java.sql.PreparedStatement ps = status.getConnection().prepareStatement("SELECT officer_id, dossier_code, "
                    + "at_instant, local_date, local_month, counted, counted_dossier, reasons, scale, rating_value, "
                    + "procedure_code FROM rating WHERE event_id = ?")) {
                ps.setString(1, id);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("\\N", rs.getString(1));
                    assertEquals(dossier, rs.getString(2));
                    // microseconds, rounded, on both engines
                    assertEquals(OffsetDateTime.parse("2026-11-20T01:15:02.123457Z").toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant());
                    assertEquals(java.time.LocalDate.of(2026, 11, 20), rs.getObject(4, java.time.LocalDate.class));
                    assertEquals("2026-11", rs.getString(5));
                    assertTrue(rs.getBoolean(6));
                    assertEquals(dossier, rs.getString(7));
                    assertEquals("OFFICER", rs.getString(8));
                    assertEquals(4, rs.getInt(9));
                    assertEquals(1, rs.getInt(10));
                    assertNull(rs.getString(11));
                }
            }
            return null;
        });
        // the rejection as stored: a resend is answered from the row
        Api.Response again = send(List.of(with(rating(r.list("rejected").get(0).get("id").toString(), 2,
                "2026-11-20T08:16:02+07:00", 4, 4), "channel", "Điện\tthoại\n\\N\r")));
        assertEquals(rejection, reason(again, 0));
        assertEquals(0, again.number("accepted"));
        assertEquals(3, again.number("highestContiguousSeq"));
    }

    @Test
    void aMalformedEnvelopeIs400AndStoresNothing() {
        long before = counted();
        Map<String, Object> ok = rating(id(), 1, "2026-11-20T10:00:00+07:00", 4, 4);
        String valid = new String(batches.body(terminal, List.of(ok)), java.nio.charset.StandardCharsets.UTF_8);
        List<String> bodies = List.of(
                "{\"batchId\": \"x\", \"events\": [",
                "[]",
                valid.replace("\"events\"", "\"evnts\""),
                valid.replace("\"terminalId\":\"" + terminal + "\"", "\"terminalId\":\"T-OTHER\""),
                valid.replaceFirst("\"sentAt\":\"[^\"]+\"", "\"sentAt\":\"yesterday\""),
                valid.replaceFirst("\"batchId\":\"[^\"]+\",", ""));
        List<String> fields = List.of("body", "body", "events", "terminalId", "sentAt", "batchId");
        for (int i = 0; i < bodies.size(); i++) {
            Api.Response r = api.signed(terminal, secret, PATH, utf8(bodies.get(i)));
            assertEquals(400, r.status(), bodies.get(i) + " -> " + r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals(fields.get(i), r.json().get("field"), r.body());
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertEquals(400, api.signed(terminal, secret, PATH, invalidUtf8).status());
        assertEquals(before, counted());
    }

    @Test
    void tooManyEventsOrTooManyBytesIs413() {
        long before = counted();
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 1; i <= 1001; i++) {
            many.add(rating(id(), i, "2026-11-20T10:00:00+07:00", 4, 4));
        }
        Api.Response tooMany = send(many);
        assertEquals(413, tooMany.status(), tooMany.body());
        assertTrue(((String) tooMany.json().get("detail")).contains("1000"));
        Map<String, Object> big = with(rating(id(), 1, "2026-11-20T10:00:00+07:00", 4, 4), "padding",
                "x".repeat(1_100_000));
        Api.Response tooBig = send(List.of(big));
        assertEquals(413, tooBig.status());
        assertEquals(before, counted());
    }

    @Test
    void aSignedHeartbeatIsAnsweredWithTheServerTime() {
        String path = "/api/v1/sync/heartbeat";
        String ok = "{\"terminalId\":\"" + terminal + "\",\"sentAt\":\"2026-11-20T08:15:30+07:00\",\"pending\":3,"
                + "\"panel\":\"OFFLINE\",\"version\":\"0.1.0\"}";
        Api.Response r = api.signed(terminal, secret, path, utf8(ok));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("serverTime") instanceof String);
        Api.Response badPanel = api.signed(terminal, secret, path, utf8(ok.replace("OFFLINE", "BROKEN")));
        assertEquals(400, badPanel.status());
        assertEquals("panel", badPanel.json().get("field"));
        Api.Response badPending = api.signed(terminal, secret, path, utf8(ok.replace("\"pending\":3", "\"pending\":-1")));
        assertEquals("pending", badPending.json().get("field"));
        Api.Response other = api.signed(terminal, secret, path, utf8(ok.replace(terminal, "T-OTHER")));
        assertEquals("terminalId", other.json().get("field"));
        Api.Response nul = api.signed(terminal, secret, path, utf8(ok.replace("0.1.0", "0.1\\u0000")));
        assertEquals(400, nul.status(), nul.body());
        assertEquals("version", nul.json().get("field"));
        assertEquals(401, api.send("POST", path, utf8(ok), "Content-Type", "application/json").status());
    }

    @Test
    void unsignedForgedStaleUnknownAndRevokedRequestsAre401WithTheServerTime() {
        byte[] body = batches.body(terminal, List.of(rating(id(), 1, "2026-11-20T10:00:00+07:00", 4, 4)));
        long before = counted();
        List<Api.Response> refused = new ArrayList<>();
        refused.add(api.send("POST", PATH, body, "Content-Type", "application/json"));
        refused.add(api.signed(terminal, "wrong-secret", PATH, body));
        refused.add(api.signed("T-NOBODY", secret, PATH, body));
        refused.add(api.signedAt(terminal, secret, PATH, body,
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(301).toString()));
        refused.add(api.signedAt(terminal, secret, PATH, body,
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(301).toString()));
        refused.add(api.signedAt(terminal, secret, PATH, body, "not-a-time"));
        for (Api.Response r : refused) {
            assertEquals(401, r.status(), r.body());
            assertTrue(r.json().containsKey("serverTime"), r.body());
        }
        assertTrue(((String) refused.get(3).json().get("detail")).contains("clock"));
        // body changed after signing
        String ts = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String sig = vn.hailong.sync.ingest.RequestSignature.sign(secret, "POST", PATH, ts, body);
        byte[] tampered = batches.body(terminal, List.of(rating(id(), 1, "2026-11-20T10:00:00+07:00", 4, 1)));
        assertEquals(401, api.send("POST", PATH, tampered, "Content-Type", "application/json",
                "X-Hailong-Terminal", terminal, "X-Hailong-Timestamp", ts, "X-Hailong-Signature", sig).status());

        String rotated = api.provision(terminal, AGENCY, "3");
        assertEquals(401, api.signed(terminal, secret, PATH, body).status(), "the old secret stops working");
        assertEquals(200, api.signed(terminal, rotated, PATH, body).status());
        assertEquals(204, api.admin("DELETE", "/api/v1/admin/terminals/" + terminal, null).status());
        assertEquals(401, api.signed(terminal, rotated, PATH, body).status());
        assertEquals(before + 1, counted());
    }
}
