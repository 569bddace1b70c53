package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Apology-letter compliance (domain.md §5) against hand-worked cases: National Day holidays and a make-up
 * Saturday around due dates, an apology on the deadline day and one after it, an open dossier as of an
 * instant, a chain where the second agency overran, an exemption, and both deadline variants.
 */
@MicronautTest(environments = "synctest", transactional = false)
class ApologyTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private static String apology(String issuedAt, String agency, String reason, String newDueAt) {
        return "{\"issuedAt\":\"" + issuedAt + "\",\"agencyCode\":\"" + agency + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + (newDueAt == null ? "" : ",\"newDueAt\":\"" + newDueAt + "\"") + "}";
    }

    private static String dossier(String code, String agency, String due, String returned, String exemption,
                                  String apologies, String steps) {
        return "{\"code\":\"" + code + "\",\"agencyCode\":\"" + agency + "\",\"procedureCode\":\"2.000815\","
                + "\"officerId\":\"cb07\",\"receivedAt\":\"2026-08-20T08:00:00+07:00\",\"dueAt\":\"" + due + "\""
                + (returned == null ? "" : ",\"returnedAt\":\"" + returned + "\"")
                + (exemption == null ? "" : ",\"exemption\":\"" + exemption + "\"")
                + ",\"apologies\":[" + apologies + "],\"steps\":[" + steps + "]}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFlagOnHandWorkedDossiers() {
        Api api = new Api(server.getURI(), json);
        String a = "AP-" + UUID.randomUUID().toString().substring(0, 6);
        String b = a + ".B";
        assertEquals(200, api.admin("PUT", "/api/v1/admin/calendar/2026",
                "{\"holidays\":[\"2026-09-01\",\"2026-09-02\"],\"workingDays\":[\"2026-09-05\"]}").status());
        String reason = "Chờ xác minh";
        Api.Response imported = api.admin("POST", "/api/v1/admin/dossiers", "[" + String.join(",",
                // due Thu 3 Sep; the last working day before it is Mon 31 Aug (1-2 Sep are holidays): on time
                dossier(a + "-1", a, "2026-09-03T17:00:00+07:00", "2026-09-05T10:00:00+07:00", null,
                        apology("2026-08-31T10:00:00+07:00", a, reason, "2026-09-07T17:00:00+07:00"), ""),
                // the same, apology on 1 Sep: a day after the deadline
                dossier(a + "-2", a, "2026-09-03T17:00:00+07:00", "2026-09-04T10:00:00+07:00", null,
                        apology("2026-09-01T09:00:00+07:00", a, reason, "2026-09-07T17:00:00+07:00"), ""),
                // due Mon 7 Sep; Sat 5 Sep is a make-up working day, so an apology on it is on the deadline day;
                // rescheduled twice, and the first apology has no new date
                dossier(a + "-3", a, "2026-09-07T17:00:00+07:00", "2026-09-10T10:00:00+07:00", null,
                        apology("2026-09-05T15:00:00+07:00", a, reason, null) + ","
                                + apology("2026-09-08T09:00:00+07:00", a, reason, "2026-09-11T17:00:00+07:00"), ""),
                dossier(a + "-4", a, "2026-09-10T17:00:00+07:00", "2026-09-11T10:00:00+07:00", null, "", ""),
                dossier(a + "-5", a, "2026-09-10T17:00:00+07:00", "2026-09-12T10:00:00+07:00", "FORCE_MAJEURE", "", ""),
                // open at asOf (20 Sep), past the new date; the second agency of the chain overran its step
                dossier(a + "-6", a, "2026-09-15T17:00:00+07:00", null, null,
                        apology("2026-09-14T10:00:00+07:00", a, reason, "2026-09-18T17:00:00+07:00"),
                        "{\"agencyCode\":\"" + a + "\",\"dueAt\":\"2026-09-05T17:00:00+07:00\",\"completedAt\":\"2026-09-04T10:00:00+07:00\"},"
                                + "{\"agencyCode\":\"" + b + "\",\"dueAt\":\"2026-09-10T17:00:00+07:00\",\"completedAt\":\"2026-09-12T10:00:00+07:00\"}"),
                dossier(a + "-7", a, "2026-09-15T17:00:00+07:00", "2026-09-14T10:00:00+07:00", null, "", ""),
                dossier(a + "-8", a, "2026-10-01T17:00:00+07:00", "2026-10-05T10:00:00+07:00", null, "", "")) + "]");
        assertEquals(8, imported.number("imported"), imported.body());

        String q = "/api/v1/reports/apology?from=2026-09-01&to=2026-09-30&asOf=2026-09-20T12:00:00%2B07:00&agency=" + a;
        Api.Response r = api.send("GET", q, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        Map<String, Object> t = r.map("total");
        assertEquals(6, ((Number) t.get("late")).intValue());
        assertEquals(1, ((Number) t.get("exempt")).intValue());
        assertEquals(1, ((Number) t.get("compliant")).intValue());
        assertEquals("20.00", new java.math.BigDecimal(t.get("complianceRate").toString()).setScale(2).toPlainString());
        Map<String, List<String>> flags = ((List<Map<String, Object>>) t.get("dossiers")).stream().collect(
                Collectors.toMap(d -> (String) d.get("code"), d -> (List<String>) d.get("flags")));
        assertEquals(List.of("COMPLIANT"), flags.get(a + "-1"));
        assertEquals(List.of("LATE_APOLOGY"), flags.get(a + "-2"));
        assertEquals(List.of("REPEATED_APOLOGY", "INCOMPLETE_APOLOGY"), flags.get(a + "-3"));
        assertEquals(List.of("MISSING_APOLOGY"), flags.get(a + "-4"));
        assertEquals(List.of("EXEMPT"), flags.get(a + "-5"));
        assertEquals(List.of("MISSED_NEW_DATE", "WRONG_AGENCY"), flags.get(a + "-6"));
        assertEquals(6, flags.size(), "on-time and out-of-period dossiers are not listed");
        Map<String, Object> six = ((List<Map<String, Object>>) t.get("dossiers")).stream()
                .filter(d -> d.get("code").equals(a + "-6")).findFirst().orElseThrow();
        assertEquals(b, six.get("responsibleAgency"));
        assertEquals(null, six.get("returnedAt"));
        // every field listed, in this order, an open dossier's returnedAt as null (sync-protocol.md, the apology report)
        assertEquals(List.of("code", "agencyCode", "officerId", "procedureCode", "dueAt", "returnedAt",
                "responsibleAgency", "flags"), new ArrayList<>(six.keySet()));
        assertEquals(List.of(Map.of("officerId", "cb07", "late", 5)), t.get("repeatedLateness"));

        // an earlier asOf: dossier 6 was not yet late on 15 Sep at noon
        Api.Response earlier = api.send("GET", q.replace("2026-09-20T12", "2026-09-15T12"), null,
                "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(5, ((Number) earlier.map("total").get("late")).intValue());

        assertEquals(200, api.admin("PUT", "/api/v1/admin/rules", "{\"apologyDeadline\":\"BY_DUE\"}").status());
        Api.Response byDue = api.send("GET", q, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(2, ((Number) byDue.map("total").get("compliant")).intValue(), "1 Sep is before the due date");
        assertEquals(200, api.admin("PUT", "/api/v1/admin/rules", "{}").status());

        // the figures alone, without the list of late dossiers
        Api.Response figures = api.send("GET", q + "&dossiers=false", null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, figures.status(), figures.body());
        Map<String, Object> withoutList = new java.util.LinkedHashMap<>(t);
        withoutList.remove("dossiers");
        assertEquals(withoutList, figures.map("total"));
        for (String bad : new String[] {"&dossiers=no", "&dossiers=false&format=csv"}) {
            Api.Response refused = api.send("GET", q + bad, null, "Authorization", "Bearer " + Api.ADMIN);
            assertEquals(400, refused.status(), bad);
            assertEquals("dossiers", refused.json().get("field"), refused.body());
        }

        Api.Response csv = api.send("GET", q + "&format=csv", null, "Authorization", "Bearer " + Api.ADMIN);
        assertTrue(csv.body().contains(a + "-6," + a + ",2026-09-15T10:00Z,," + b + ",MISSED_NEW_DATE WRONG_AGENCY"),
                csv.body());
        assertEquals(400, api.send("GET", q + "&groupBy=terminal", null, "Authorization", "Bearer " + Api.ADMIN).status());
        assertEquals("asOf", api.send("GET", q.replace("2026-09-20T12:00:00%2B07:00", "tomorrow"), null,
                "Authorization", "Bearer " + Api.ADMIN).json().get("field"));
    }

    /** The report reads only dossiers marked late or open at import (V9): a re-import must move a dossier both ways. */
    @Test
    void aReimportedDossierIsJudgedOnItsNewDates() {
        Api api = new Api(server.getURI(), json);
        String a = "AR-" + UUID.randomUUID().toString().substring(0, 6);
        String q = "/api/v1/reports/apology?from=2026-09-01&to=2026-09-30&asOf=2026-10-20T12:00:00%2B07:00&agency=" + a;
        String onTime = dossier(a + "-1", a, "2026-09-10T17:00:00+07:00", "2026-09-10T16:59:00+07:00", null, "", "");
        String late = dossier(a + "-1", a, "2026-09-10T17:00:00+07:00", "2026-09-10T17:01:00+07:00", null, "", "");
        String open = dossier(a + "-1", a, "2026-09-10T17:00:00+07:00", null, null, "", "");
        for (String[] step : new String[][] {{onTime, "0"}, {late, "1"}, {onTime, "0"}, {open, "1"}}) {
            assertEquals(1, api.admin("POST", "/api/v1/admin/dossiers", "[" + step[0] + "]").number("imported"));
            Api.Response r = api.admin("GET", q, null);
            assertEquals(200, r.status(), r.body());
            assertEquals(Integer.parseInt(step[1]), ((Number) r.map("total").get("late")).intValue(), step[0]);
        }
    }
}
