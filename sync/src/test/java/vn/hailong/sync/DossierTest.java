package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.with;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dossier import (JSON and CSV) and the timeliness / 766 figures of domain.md §4, hand-computed. */
@MicronautTest(environments = "synctest", transactional = false)
class DossierTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    Api api;
    String agency;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURI(), json);
        agency = "DS-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private String dossier(String code, String due, String returned, int complaints) {
        return "{\"code\":\"" + agency + "-" + code + "\",\"agencyCode\":\"" + agency + "\",\"procedureCode\":\"2.000815\","
                + "\"officerId\":\"cb07\",\"receivedAt\":\"2026-06-01T08:00:00+07:00\",\"dueAt\":\"" + due + "\""
                + (returned == null ? "" : ",\"returnedAt\":\"" + returned + "\"") + ",\"complaints\":" + complaints + "}";
    }

    private Api.Response importJson(String array) {
        return api.admin("POST", "/api/v1/admin/dossiers", array);
    }

    private static String rate(Object v) {
        return v == null ? null : new java.math.BigDecimal(v.toString()).setScale(2).toPlainString();
    }

    @Test
    void timelinessResponseAnd766RatesAreTheHandComputedOnes() {
        Api.Response imported = importJson("[" + String.join(",",
                dossier("D1", "2026-06-15T17:00:00+07:00", "2026-06-12T10:00:00+07:00", 0),
                dossier("D2", "2026-06-15T17:00:00+07:00", "2026-06-15T09:00:00+07:00", 0),
                dossier("D3", "2026-06-15T17:00:00+07:00", "2026-06-15T18:00:00+07:00", 1),
                dossier("D4", "2026-06-20T17:00:00+07:00", "2026-06-19T17:30:00Z", 0),
                dossier("D5", "2026-06-25T17:00:00+07:00", null, 0),
                dossier("D6", "2026-06-25T17:00:00+07:00", "2026-07-02T10:00:00+07:00", 0),
                "{\"code\":\"BAD-1\",\"agencyCode\":\"" + agency + "\",\"procedureCode\":\"p\",\"receivedAt\":\"2026-06-01\","
                        + "\"dueAt\":\"2026-06-02T10:00:00+07:00\"}",
                "{\"code\":\"BAD-2\",\"agencyCode\":\"" + agency + "\",\"procedureCode\":\"p\","
                        + "\"receivedAt\":\"2026-06-01T08:00:00+07:00\",\"dueAt\":\"2026-06-02T10:00:00+07:00\","
                        + "\"exemption\":\"RAIN\"}") + "]");
        assertEquals(200, imported.status(), imported.body());
        assertEquals(6, imported.number("imported"));
        List<Map<String, Object>> rejected = imported.list("rejected");
        assertEquals(List.of("receivedAt", "exemption"), rejected.stream().map(r -> r.get("field")).toList());
        assertEquals(List.of(6, 7), rejected.stream().map(r -> ((Number) r.get("row")).intValue()).toList());
        assertEquals("BAD-1", rejected.get(0).get("code"));

        String terminal = "DT-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, agency, "1");
        Batches batches = new Batches(json);
        Api.Response sent = api.signed(terminal, secret, "/api/v1/sync/batches", batches.body(terminal, List.of(
                with(rating(UUID.randomUUID().toString(), 1, "2026-06-12T10:05:00+07:00", 4, 4), "dossierCode", agency + "-D1"),
                with(rating(UUID.randomUUID().toString(), 2, "2026-06-15T09:05:00+07:00", 4, 1), "dossierCode", agency + "-D2"),
                // a later re-rating of D2 does not change its counted (first) rating
                with(rating(UUID.randomUUID().toString(), 3, "2026-06-15T09:06:00+07:00", 4, 4), "dossierCode", agency + "-D2"))));
        assertEquals(3, sent.number("accepted"), sent.body());

        Api.Response r = api.send("GET", "/api/v1/reports/dossiers?from=2026-06-10&to=2026-06-30&agency=" + agency, null,
                "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        Map<String, Object> t = r.map("total");
        assertEquals(4, ((Number) t.get("returned")).intValue());
        assertEquals(1, ((Number) t.get("early")).intValue());
        assertEquals(2, ((Number) t.get("onTime")).intValue());
        assertEquals(1, ((Number) t.get("late")).intValue());
        assertEquals("75.00", rate(t.get("onTimeRate")));
        assertEquals(2, ((Number) t.get("rated")).intValue());
        assertEquals("50.00", rate(t.get("responseRate")));
        assertEquals("50.00", rate(t.get("rate766")));

        Api.Response byDay = api.send("GET", "/api/v1/reports/dossiers?from=2026-06-10&to=2026-06-30&groupBy=day&agency="
                + agency, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(List.of("2026-06-12", "2026-06-15", "2026-06-20"),
                byDay.list("rows").stream().map(x -> x.get("key")).toList());
        Api.Response byTerminal = api.send("GET", "/api/v1/reports/dossiers?from=2026-06-10&to=2026-06-30&groupBy=terminal",
                null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(400, byTerminal.status());
        Api.Response empty = api.send("GET", "/api/v1/reports/dossiers?from=2020-01-01&to=2020-01-02&agency=" + agency, null,
                "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(null, empty.map("total").get("rate766"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneDossiersDetailsAreWhatTheReportsFindForIt() {
        assertEquals(3, importJson("[" + String.join(",",
                dossier("E2", "2026-06-15T17:00:00+07:00", "2026-06-15T09:00:00+07:00", 0),
                dossier("E5", "2026-06-25T17:00:00+07:00", null, 0),
                dossier("E6", "2026-06-25T17:00:00+07:00", "2026-07-02T10:00:00+07:00", 0)) + "]").number("imported"));
        String terminal = "DD-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, agency, "4");
        String first = UUID.randomUUID().toString();
        Api.Response sent = api.signed(terminal, secret, "/api/v1/sync/batches", new Batches(json).body(terminal, List.of(
                with(rating(UUID.randomUUID().toString(), 1, "2026-06-15T09:06:00+07:00", 4, 4), "dossierCode", agency + "-E2"),
                // delivered second, rated first: this one counts
                with(rating(first, 2, "2026-06-15T09:05:00+07:00", 4, 1), "dossierCode", agency + "-E2"))));
        assertEquals(2, sent.number("accepted"), sent.body());

        Api.Response e2 = details(agency + "-E2", "");
        assertEquals(200, e2.status(), e2.body());
        assertEquals("ON_TIME", e2.json().get("timeliness"));
        assertEquals("2026-06-15T02:00Z", e2.json().get("returnedAt"));
        assertEquals(null, e2.json().get("apology"), "returned before its due time: no apology finding");
        Map<String, Object> counted = (Map<String, Object>) e2.json().get("countedRating");
        assertEquals(first, counted.get("eventId"));
        assertEquals(1, ((Number) counted.get("value")).intValue());
        assertEquals("DISSATISFIED", counted.get("ratingClass"));
        assertEquals("4", counted.get("counter"));

        Api.Response e6 = details(agency + "-E6", "");
        assertEquals("LATE", e6.json().get("timeliness"));
        assertEquals(Map.of("responsibleAgency", agency, "flags", List.of("MISSING_APOLOGY")), e6.json().get("apology"));
        assertEquals(null, e6.json().get("countedRating"));
        assertEquals(List.of(), e6.json().get("apologies"));

        // open: not late before its due time, late (and without an apology) after it
        assertEquals("OPEN", details(agency + "-E5", "?asOf=2026-06-20T12:00:00%2B07:00").json().get("timeliness"));
        assertEquals(null, details(agency + "-E5", "?asOf=2026-06-20T12:00:00%2B07:00").json().get("apology"));
        assertEquals(List.of("MISSING_APOLOGY"), ((Map<String, Object>) details(agency + "-E5",
                "?asOf=2026-07-01T12:00:00%2B07:00").json().get("apology")).get("flags"));

        Api.Response unknown = details(agency + "-NONE", "");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("no dossier with code " + agency + "-NONE"), unknown.body());
        assertEquals("code", details("bad%20code", "").json().get("field"));
        assertEquals("asOf", details(agency + "-E5", "?asOf=yesterday").json().get("field"));
        assertEquals(401, api.send("GET", "/api/v1/reports/dossiers/" + agency + "-E2", null).status());
    }

    private Api.Response details(String code, String query) {
        return api.send("GET", "/api/v1/reports/dossiers/" + code + query, null, "Authorization", "Bearer " + Api.ADMIN);
    }

    @Test
    void csvImportNamesTheRowAndFieldAndImportingAgainReplaces() {
        String csv = "\uFEFFcode,agencyCode,procedureCode,officerId,receivedAt,dueAt,returnedAt,complaints,exemption,apologies,steps\r\n"
                + agency + "-C1," + agency + ",2.000815,cb07,2026-06-01T08:00:00+07:00,2026-06-15T17:00:00+07:00,"
                + "2026-06-16T09:00:00+07:00,0,,\"[{\"\"issuedAt\"\":\"\"2026-06-13T10:00:00+07:00\"\",\"\"agencyCode\"\":\"\""
                + agency + "\"\",\"\"reason\"\":\"\"Chờ xác minh, bổ sung\"\",\"\"newDueAt\"\":\"\"2026-06-17T17:00:00+07:00\"\"}]\",\r\n"
                + agency + "-C2," + agency + ",2.000815,,2026-06-01T08:00:00+07:00,2026-06-15T17:00:00+07:00,,0,,\"[{\"\"issuedAt\"\":1}]\",\r\n"
                + agency + "-C3," + agency + ",2.000815,,2026-06-01T08:00:00+07:00,2026-06-15T17:00:00+07:00,,x,,,\r\n";
        Api.Response r = api.send("POST", "/api/v1/admin/dossiers", csv.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + Api.ADMIN, "Content-Type", "text/csv");
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.number("imported"));
        List<Map<String, Object>> rejected = r.list("rejected");
        assertEquals(List.of(3, 4), rejected.stream().map(x -> ((Number) x.get("row")).intValue()).toList());
        assertEquals(List.of("apologies[0].issuedAt", "complaints"), rejected.stream().map(x -> x.get("field")).toList());

        Api.Response before = api.send("GET", "/api/v1/reports/dossiers?from=2026-06-16&to=2026-06-16&agency=" + agency,
                null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(1, ((Number) before.map("total").get("late")).intValue());
        Api.Response again = importJson("[" + dossier("C1", "2026-06-20T17:00:00+07:00", "2026-06-16T09:00:00+07:00", 0) + "]");
        assertEquals(1, again.number("imported"));
        Api.Response after = api.send("GET", "/api/v1/reports/dossiers?from=2026-06-16&to=2026-06-16&agency=" + agency,
                null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(1, ((Number) after.map("total").get("returned")).intValue(), "replaced, not added");
        assertEquals(1, ((Number) after.map("total").get("early")).intValue());
        assertEquals(400, importJson("{\"code\":\"x\"}").status());
    }

    @Test
    void theCalendarOfAYearIsCheckedAndReplaced() {
        String ok = "{\"holidays\":[\"2027-02-05\",\"2027-02-06\",\"2027-04-30\"],\"workingDays\":[\"2027-02-13\"]}";
        Api.Response r = api.admin("PUT", "/api/v1/admin/calendar/2027", ok);
        assertEquals(200, r.status(), r.body());
        assertEquals(3, ((List<?>) r.json().get("holidays")).size());
        assertEquals("holidays[0]", api.admin("PUT", "/api/v1/admin/calendar/2027", "{\"holidays\":[\"2028-01-01\"]}")
                .json().get("field"));
        assertEquals("workingDays", api.admin("PUT", "/api/v1/admin/calendar/2027",
                "{\"holidays\":[\"2027-02-13\"],\"workingDays\":[\"2027-02-13\"]}").json().get("field"));
        assertEquals("holidays[1]", api.admin("PUT", "/api/v1/admin/calendar/2027",
                "{\"holidays\":[\"2027-02-13\",\"2027-02-31\"]}").json().get("field"));
        assertTrue(api.admin("PUT", "/api/v1/admin/calendar/1999", "{}").status() == 400);
    }
}
