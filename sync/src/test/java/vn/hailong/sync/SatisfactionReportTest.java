package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.with;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The satisfaction figures of domain.md §2, against hand-computed expectations. */
@MicronautTest(environments = "synctest", transactional = false)
class SatisfactionReportTest {
    private static final String PATH = "/api/v1/sync/batches";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    Api api;
    Batches batches;
    String agency;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURI(), json);
        batches = new Batches(json);
        agency = "AG-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void send(String terminal, String secret, List<Map<String, Object>> events) {
        Api.Response r = api.signed(terminal, secret, PATH, batches.body(terminal, events));
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(), r.list("rejected"), r.body());
    }

    private static Map<String, Object> bound(long seq, String at, int scale, int value, String dossier) {
        return with(rating(UUID.randomUUID().toString(), seq, at, scale, value), "dossierCode", dossier);
    }

    private static Map<String, Object> unbound(long seq, String at, int scale, int value) {
        return rating(UUID.randomUUID().toString(), seq, at, scale, value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long n(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static String rate(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : new java.math.BigDecimal(v.toString()).setScale(2).toPlainString();
    }

    @Test
    void firstRatingOfADossierCountsAndLaterOnesAreReRatings() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String a = "A-" + suffix;
        String b = "B-" + suffix;
        String secretA = api.provision(a, agency, "1");
        String secretB = api.provision(b, agency, "2");
        String d = agency + "-D";
        // B's events go first: arrival order must not matter, only `at`, terminal id and seq do.
        send(b, secretB, List.of(
                bound(1, "2026-11-20T09:00:00+07:00", 4, 1, d + "1"),        // re-rating of D1
                bound(2, "2026-11-20T10:00:00+07:00", 3, 3, d + "2"),        // tie with A's D2: A is smaller
                bound(3, "2026-11-18T10:00:00+07:00", 4, 4, d + "3")));      // counts, outside the period
        send(a, secretA, List.of(
                bound(1, "2026-11-20T08:00:00+07:00", 4, 4, d + "1"),        // counted, satisfied
                with(bound(2, "2026-11-20T10:00:00+07:00", 5, 2, d + "2"), "reasons", List.of("OFFICER")), // dissatisfied
                unbound(3, "2026-11-20T23:30:00+07:00", 5, 3),               // neutral, 20th
                unbound(4, "2026-11-20T17:30:00Z", 4, 3),                    // 00:30 on the 21st local: satisfied
                unbound(5, "2026-11-19T16:59:59Z", 3, 1),                    // 23:59:59 on the 19th: outside
                bound(6, "2026-11-20T11:00:00+07:00", 4, 1, d + "3"),        // re-rating of D3
                bound(7, "2026-11-20T12:00:00+07:00", 4, 2, d + "4"),        // same at as seq 8: seq 7 counts
                bound(8, "2026-11-20T12:00:00+07:00", 4, 4, d + "4")));

        Api.Response total = api.report("from=2026-11-20&to=2026-11-21&agency=" + agency);
        assertEquals(200, total.status(), total.body());
        Map<String, Object> t = total.map("total");
        assertEquals(5, n(t, "counted"));
        assertEquals(Map.of("satisfied", 2, "neutral", 2, "dissatisfied", 1), sub(t, "byClass"));
        assertEquals("40.00", rate(t, "satisfactionRate"));
        assertEquals("20.00", rate(t, "dissatisfactionRate"));
        assertEquals(4, n(t, "reRatings"));
        assertEquals(1, n(sub(t, "reasons"), "OFFICER"));
        assertEquals(0, n(sub(t, "reasons"), "ACCESS"));
        assertEquals(List.of(), total.list("rows"));

        Api.Response byDay = api.report("from=2026-11-20&to=2026-11-21&groupBy=day&agency=" + agency);
        List<Map<String, Object>> days = byDay.list("rows");
        assertEquals(2, days.size(), byDay.body());
        assertEquals("2026-11-20", days.get(0).get("key"));
        assertEquals(4, n(days.get(0), "counted"));
        assertEquals("25.00", rate(days.get(0), "satisfactionRate"));
        assertEquals("25.00", rate(days.get(0), "dissatisfactionRate"));
        assertEquals(4, n(days.get(0), "reRatings"));
        assertEquals("2026-11-21", days.get(1).get("key"));
        assertEquals(1, n(days.get(1), "counted"));
        assertEquals("100.00", rate(days.get(1), "satisfactionRate"));
        assertEquals("0.00", rate(days.get(1), "dissatisfactionRate"));
        assertEquals(5, n(byDay.map("total"), "counted"));

        Api.Response byTerminal = api.report("from=2026-11-20&to=2026-11-21&groupBy=terminal&agency=" + agency);
        List<Map<String, Object>> terminals = byTerminal.list("rows");
        assertEquals(a, terminals.get(0).get("key"));
        assertEquals(5, n(terminals.get(0), "counted"));
        assertEquals(2, n(terminals.get(0), "reRatings"));
        assertEquals(b, terminals.get(1).get("key"));
        assertEquals(0, n(terminals.get(1), "counted"));
        assertNull(terminals.get(1).get("satisfactionRate"), "a zero denominator gives null, never 0");
        assertTrue(terminals.get(1).containsKey("satisfactionRate"));
        assertEquals(2, n(terminals.get(1), "reRatings"));

        Api.Response byCounter = api.report("from=2026-11-20&to=2026-11-21&groupBy=counter&agency=" + agency);
        assertEquals(agency, byCounter.list("rows").get(0).get("agencyCode"));
        assertEquals("1", byCounter.list("rows").get(0).get("key"));

        Api.Response wider = api.report("from=2026-11-18&to=2026-11-21&agency=" + agency);
        assertEquals(7, n(wider.map("total"), "counted"), "D3 on the 18th and the unbound on the 19th join");
    }

    @Test
    void ratesRoundHalfUpToTwoDecimalsAndAnEmptyPeriodHasNullRates() {
        String terminal = "R-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, agency, "1");
        send(terminal, secret, List.of(unbound(1, "2026-10-05T09:00:00+07:00", 4, 4),
                unbound(2, "2026-10-05T09:01:00+07:00", 4, 3),
                unbound(3, "2026-10-05T09:02:00+07:00", 4, 1)));
        Map<String, Object> t = api.report("from=2026-10-01&to=2026-10-31&agency=" + agency).map("total");
        assertEquals("66.67", rate(t, "satisfactionRate"));
        assertEquals("33.33", rate(t, "dissatisfactionRate"));

        Api.Response month = api.report("from=2026-10-01&to=2026-10-31&groupBy=month&agency=" + agency);
        assertEquals("2026-10", month.list("rows").get(0).get("key"));

        Map<String, Object> empty = api.report("from=2025-01-01&to=2025-01-31&agency=" + agency).map("total");
        assertEquals(0, n(empty, "counted"));
        assertTrue(empty.containsKey("satisfactionRate"));
        assertNull(empty.get("satisfactionRate"));
        assertNull(empty.get("dissatisfactionRate"));
    }

    @Test
    void anAgencyReportCoversItsSubtreeAndACycleIsRefused() {
        String p = agency + ".P";
        String d1 = agency + ".D1";
        String s1 = agency + ".S1";
        String d2 = agency + ".D2";
        Api.Response tree = api.admin("PUT", "/api/v1/admin/agencies", "[{\"code\":\"" + p + "\",\"name\":\"UBND tỉnh\"},"
                + "{\"code\":\"" + d1 + "\",\"name\":\"Sở Tư pháp\",\"parentCode\":\"" + p + "\"},"
                + "{\"code\":\"" + s1 + "\",\"name\":\"Phòng Hộ tịch\",\"parentCode\":\"" + d1 + "\"},"
                + "{\"code\":\"" + d2 + "\",\"name\":\"Sở Xây dựng\",\"parentCode\":\"" + p + "\"}]");
        assertEquals(200, tree.status(), tree.body());
        int n = 0;
        for (String code : new String[] {s1, d1, d2, d2}) {
            String terminal = "G-" + UUID.randomUUID().toString().substring(0, 6);
            String secret = api.provision(terminal, code, "1");
            send(terminal, secret, List.of(unbound(1, "2026-08-05T09:0" + (n++) + ":00+07:00", 4, 4)));
        }
        assertEquals(2, n(api.report("from=2026-08-01&to=2026-08-31&agency=" + d1).map("total"), "counted"));
        assertEquals(4, n(api.report("from=2026-08-01&to=2026-08-31&agency=" + p).map("total"), "counted"));
        assertEquals(1, n(api.report("from=2026-08-01&to=2026-08-31&agency=" + s1).map("total"), "counted"));
        Api.Response byAgency = api.report("from=2026-08-01&to=2026-08-31&groupBy=agency&agency=" + p);
        assertEquals(3, byAgency.list("rows").size(), byAgency.body());

        Api.Response cycle = api.admin("PUT", "/api/v1/admin/agencies", "[{\"code\":\"" + p + "\",\"name\":\"UBND tỉnh\","
                + "\"parentCode\":\"" + s1 + "\"}]");
        assertEquals(400, cycle.status(), cycle.body());
        assertTrue(((String) cycle.json().get("detail")).contains("cycle"));
        assertEquals(4, n(api.report("from=2026-08-01&to=2026-08-31&agency=" + p).map("total"), "counted"),
                "the refused change left the tree as it was");
    }

    @Test
    void csvHasTheSameColumnsWithABomAndATotalLine() {
        String terminal = "C-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, agency, "1");
        send(terminal, secret, List.of(unbound(1, "2026-09-05T09:00:00+07:00", 4, 4)));
        Api.Response csv = api.send("GET", "/api/v1/reports/satisfaction?from=2026-09-01&to=2026-09-30&groupBy=day&format=csv&agency="
                + agency, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        String[] lines = csv.body().split("\r\n");
        assertEquals("\uFEFFkey,counted,satisfied,neutral,dissatisfied,satisfactionRate,dissatisfactionRate,reRatings,"
                + "reasons.ACCESS,reasons.PROCEDURE,reasons.OFFICER,reasons.RESULT,reasons.FEEDBACK", lines[0]);
        assertEquals("2026-09-05,1,1,0,0,100.00,0.00,0,0,0,0,0,0", lines[1]);
        assertEquals("TOTAL,1,1,0,0,100.00,0.00,0,0,0,0,0,0", lines[2]);
        Api.Response viaAccept = api.send("GET", "/api/v1/reports/satisfaction?from=2026-09-01&to=2026-09-30&agency="
                + agency, null, "Authorization", "Bearer " + Api.ADMIN, "Accept", "text/csv");
        assertTrue(viaAccept.contentType().startsWith("text/csv"), viaAccept.contentType());
    }
}
