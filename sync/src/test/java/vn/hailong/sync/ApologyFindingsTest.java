package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.hailong.sync.report.ApologyFindings;

/**
 * The apology report uses the findings stored for settled late dossiers (V14) and judges the rest itself; both
 * must give what judging every dossier gives. Random dossiers due over three months of 2031 (a year no other test
 * gives a calendar): early, on time, late with every kind of letter, chains of steps (some still open), open,
 * exempt; imported in chunks. For random periods and groupings the report equals the report with nothing stored
 * (every dossier judged at read time): as imported, after the background refresh, and after the calendar and the
 * deadline rule change (stored findings judged again at read time, then stored again).
 */
@MicronautTest(environments = "synctest", transactional = false)
class ApologyFindingsTest {
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final LocalDate START = LocalDate.of(2031, 3, 1);
    private static final String AS_OF = "2031-07-15T12:00:00%2B07:00";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ApologyFindings findings;

    private Api api;
    private String prefix;

    @Test
    void storedAndLiveJudgementsGiveTheSameReport() {
        api = new Api(server.getURI(), json);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        prefix = "AF-" + suffix + "-";
        String parent = "AFP-" + suffix;
        List<String> children = List.of("AFC1-" + suffix, "AFC2-" + suffix);
        api.agencyTree(parent, children);
        Random random = new Random(118);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            records.add(dossier(random, prefix + i, children));
        }
        for (int from = 0; from < records.size(); from += 40) {
            Api.Response r = api.admin("POST", "/api/v1/admin/dossiers", "[" + String.join(",", records.subList(from, from + 40))
                    + "]");
            assertEquals(200, r.status(), r.body());
            assertEquals(40, r.number("imported"), r.body());
        }
        long stored = count("SELECT COUNT(*) FROM apology_finding WHERE code LIKE ?");
        long settled = count("SELECT COUNT(*) FROM dossier WHERE code LIKE ? AND returned_at > due_at");
        assertTrue(stored > 40 && stored < settled, "stored at import: " + stored + " of " + settled
                + " late returned (the others have an open step)");

        List<String> queries = new ArrayList<>();
        String[] groupings = {"", "&groupBy=agency", "&groupBy=officer", "&groupBy=procedure", "&groupBy=day", "&groupBy=month"};
        for (int i = 0; i < 18; i++) {
            LocalDate from = START.minusDays(5).plusDays(random.nextInt(80));
            LocalDate to = from.plusDays(random.nextInt(i % 3 == 0 ? 100 : 30));
            queries.add("from=" + from + "&to=" + to + "&agency=" + (i % 3 == 0 ? parent : children.get(i % 2))
                    + groupings[i % groupings.length] + "&asOf=" + AS_OF);
        }
        assertSameAsJudgedLive(queries, "as imported");

        findings.refresh();
        assertEquals(stored, count("SELECT COUNT(*) FROM apology_finding WHERE code LIKE ?"), "an open step stays unjudged");
        assertSameAsJudgedLive(queries, "after the refresh");

        // April a month of holidays makes April's apologies late: stored findings are judged again at read time, then
        // stored again
        List<String> april = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2031, 4, 1); d.getMonthValue() == 4; d = d.plusDays(1)) {
            april.add("\"" + d + "\"");
        }
        try {
            assertEquals(200, api.admin("PUT", "/api/v1/admin/calendar/2031",
                    "{\"holidays\":[" + String.join(",", april) + "]}").status());
            assertSameAsJudgedLive(queries, "after the calendar changed");
            findings.refresh();
            assertEquals(0, count("SELECT COUNT(*) FROM apology_finding WHERE code LIKE ? AND basis <> (SELECT MIN(basis) "
                    + "FROM apology_finding WHERE code LIKE '" + prefix + "%')"), "every stored finding on one basis again");
            assertSameAsJudgedLive(queries, "after the calendar changed and the refresh");
            assertEquals(200, api.admin("PUT", "/api/v1/admin/rules", "{\"apologyDeadline\":\"BY_DUE\"}").status());
            assertSameAsJudgedLive(queries, "after the deadline rule changed");
        } finally {
            api.admin("PUT", "/api/v1/admin/rules", "{}");
            api.admin("PUT", "/api/v1/admin/calendar/2031", "{}");
        }
    }

    /** Each report as it is now, then with every stored finding of these dossiers removed (judged at read time). */
    private void assertSameAsJudgedLive(List<String> queries, String when) {
        List<Map<String, Object>> now = new ArrayList<>();
        for (String q : queries) {
            now.add(report(q));
        }
        assertTrue(now.stream().anyMatch(r -> ((Number) ((Map<?, ?>) r.get("total")).get("late")).intValue() > 20), when);
        transactions.executeWrite(status -> {
            jdbc.prepareStatement("DELETE FROM apology_finding WHERE code LIKE ?", ps -> {
                ps.setString(1, prefix + "%");
                return ps.executeUpdate();
            });
            return jdbc.prepareStatement("UPDATE dossier SET apology_judged = FALSE WHERE code LIKE ?", ps -> {
                ps.setString(1, prefix + "%");
                return ps.executeUpdate();
            });
        });
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(report(queries.get(i)), now.get(i), when + ": " + queries.get(i));
        }
        findings.refresh();   // stored again for the next step
    }

    private Map<String, Object> report(String query) {
        Api.Response r = api.admin("GET", "/api/v1/reports/apology?" + query, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private long count(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    /**
     * A dossier due in the three months after START: returned early, on time or late, or still open; late ones with
     * no letter, one or two, on time or not, complete or not, from its agency or the other; some passing through both
     * agencies (the second step sometimes still open); some exempt.
     */
    private static String dossier(Random random, String code, List<String> agencies) {
        int a = random.nextInt(2);
        String agency = agencies.get(a);
        String other = agencies.get(1 - a);
        OffsetDateTime received = START.minusDays(7).plusDays(random.nextInt(90)).atTime(8, 0).atOffset(VN);
        OffsetDateTime due = received.plusDays(7).withHour(17);
        int outcome = random.nextInt(10);
        OffsetDateTime returned = outcome < 2 ? due.minusDays(1) : outcome < 7 ? due.plusDays(1 + random.nextInt(6)) : null;
        List<String> letters = new ArrayList<>();
        for (int l = random.nextInt(3); l > 0; l--) {
            OffsetDateTime issued = due.minusDays(random.nextInt(4)).minusHours(random.nextInt(30));
            letters.add("{\"issuedAt\":\"" + issued + "\",\"agencyCode\":\"" + (random.nextInt(4) == 0 ? other : agency) + "\""
                    + (random.nextInt(5) == 0 ? "" : ",\"reason\":\"quá tải\"")
                    + (random.nextInt(5) == 0 ? "" : ",\"newDueAt\":\"" + due.plusDays(1 + random.nextInt(5)) + "\"") + "}");
        }
        String steps = "";
        if (random.nextBoolean()) {
            OffsetDateTime handOver = received.plusDays(3);
            boolean secondOpen = random.nextInt(4) == 0;
            steps = "{\"agencyCode\":\"" + other + "\",\"receivedAt\":\"" + received + "\",\"dueAt\":\"" + handOver
                    + "\",\"completedAt\":\"" + handOver.plusDays(random.nextInt(3) - 1) + "\"},"
                    + "{\"agencyCode\":\"" + agency + "\",\"receivedAt\":\"" + handOver + "\",\"dueAt\":\"" + due + "\""
                    + (secondOpen || returned == null ? "" : ",\"completedAt\":\"" + returned + "\"") + "}";
        }
        return "{\"code\":\"" + code + "\",\"agencyCode\":\"" + agency + "\",\"procedureCode\":\"1.00" + random.nextInt(3)
                + "\",\"officerId\":\"cb" + random.nextInt(3) + "\",\"receivedAt\":\"" + received + "\",\"dueAt\":\"" + due + "\""
                + (returned == null ? "" : ",\"returnedAt\":\"" + returned + "\"")
                + (random.nextInt(12) == 0 ? ",\"exemption\":\"FORCE_MAJEURE\"" : "")
                + ",\"apologies\":[" + String.join(",", letters) + "],\"steps\":[" + steps + "]}";
    }
}
