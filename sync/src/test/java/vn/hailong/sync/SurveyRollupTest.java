package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import db.migration.V13__survey_rollup_backfill;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SIPAS report reads the survey roll-ups kept at ingest (monthly and daily rows) for the whole selection and
 * groupings by agency, day and month, and the surveys themselves when grouped by counter. So for random periods
 * both must give the same figures: the whole selection, each month, some days and each agency against the report
 * by counter over the same days; and again after V13's backfill rebuilt the roll-ups from the surveys.
 */
@MicronautTest(environments = "synctest", transactional = false)
class SurveyRollupTest {
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final LocalDate START = LocalDate.of(2025, 2, 1);
    private static final List<String> ELEMENTS = List.of("ACCESS", "PROCEDURE", "OFFICER", "RESULT", "FEEDBACK");
    private static final List<String> CRITERIA = List.of("FEES_POSTED", "NO_BROKER", "CLEAR_GUIDANCE", "NO_EXTRA_FEE",
            "ON_TIME", "FEEDBACK_CHANNEL");
    private static final List<String> EXPECTATIONS = List.of("ONLINE_SERVICES", "WAITING_TIME", "SIMPLER_PROCEDURES",
            "OFFICER_ATTITUDE", "FACILITIES", "INFORMATION");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private Api api;

    @Test
    void theReportFromRollupsEqualsTheSurveysDayByDay() {
        api = new Api(server.getURI(), json);
        // Flyway found the Java migration by its package (the packaged jar's processes, TwoServersIT, find it there too)
        assertEquals(Long.valueOf(1), transactions.<Long>executeRead(status -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '13' AND \"success\"", ps -> {
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                })));
        Batches batches = new Batches(json);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String parent = "SRP-" + suffix;
        List<String> children = List.of("SRC1-" + suffix, "SRC2-" + suffix);
        api.agencyTree(parent, children);
        Random random = new Random(2025);
        for (int t = 0; t < 2; t++) {
            String terminal = "SRT" + t + "-" + suffix;
            String secret = api.provision(terminal, children.get(t), Integer.toString(1 + t));
            List<Map<String, Object>> events = new ArrayList<>();
            for (int seq = 1; seq <= 200; seq++) {
                events.add(survey(random, seq, START.plusDays(random.nextInt(120))));
            }
            for (int from = 0; from < events.size(); from += 50) {
                Api.Response r = api.signed(terminal, secret, "/api/v1/sync/batches",
                        batches.body(terminal, events.subList(from, from + 50)));
                assertEquals(200, r.status(), r.body());
                assertEquals(List.of(), r.list("rejected"), r.body());
            }
        }
        List<String[]> periods = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            LocalDate from = START.minusDays(5).plusDays(random.nextInt(100));
            LocalDate to = from.plusDays(random.nextInt(i % 3 == 0 ? 130 : 50));
            periods.add(new String[] {from.toString(), to.toString(), i % 2 == 0 ? parent : children.get(i % 4 / 2)});
        }
        periods.add(new String[] {START.toString(), START.plusMonths(4).minusDays(1).toString(), parent});
        assertSameEachWay(periods, children, "");

        // V13's backfill (the surveys stored before roll-ups existed) builds the same roll-ups
        transactions.executeWrite(status -> {
            jdbc.prepareStatement("DELETE FROM survey_rollup", java.sql.PreparedStatement::executeUpdate);
            try {
                new V13__survey_rollup_backfill().migrate(RollupBackfill.context(status.getConnection()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertSameEachWay(periods, children, "after the backfill: ");
    }

    private void assertSameEachWay(List<String[]> periods, List<String> children, String when) {
        int months = 0;
        int days = 0;
        for (String[] p : periods) {
            String selection = "from=" + p[0] + "&to=" + p[1] + "&agency=" + p[2];
            Map<String, Object> whole = report(selection).map("total");
            assertEquals(fromSurveys(p[0], p[1], p[2]), whole, when + selection);
            for (Map<String, Object> row : report(selection + "&groupBy=month").list("rows")) {
                YearMonth month = YearMonth.parse((String) row.get("key"));
                LocalDate first = max(month.atDay(1), LocalDate.parse(p[0]));
                LocalDate last = min(month.atEndOfMonth(), LocalDate.parse(p[1]));
                assertEquals(fromSurveys(first.toString(), last.toString(), p[2]), withoutKey(row),
                        when + selection + ", month " + month);
                months++;
            }
            List<Map<String, Object>> dayRows = report(selection + "&groupBy=day").list("rows");
            for (Map<String, Object> row : dayRows.subList(0, Math.min(3, dayRows.size()))) {
                String day = (String) row.get("key");
                assertEquals(fromSurveys(day, day, p[2]), withoutKey(row), when + selection + ", day " + day);
                days++;
            }
            for (Map<String, Object> row : report(selection + "&groupBy=agency").list("rows")) {
                String agency = (String) row.get("key");
                assertTrue(children.contains(agency), agency);
                assertEquals(fromSurveys(p[0], p[1], agency), withoutKey(row), when + selection + ", agency " + agency);
            }
        }
        assertTrue(months > 20 && days > 20, "months compared: " + months + ", days: " + days);
    }

    /** The figures of a selection as the report computes them from the surveys themselves (grouped by counter). */
    private Map<String, Object> fromSurveys(String from, String to, String agency) {
        return report("from=" + from + "&to=" + to + "&agency=" + agency + "&groupBy=counter").map("total");
    }

    private Api.Response report(String query) {
        Api.Response r = api.send("GET", "/api/v1/reports/sipas?" + query, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static Map<String, Object> withoutKey(Map<String, Object> row) {
        Map<String, Object> figures = new LinkedHashMap<>(row);
        figures.remove("key");
        return figures;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** A survey answering a random subset of elements, criteria and expectations (each may be skipped). */
    private static Map<String, Object> survey(Random random, int seq, LocalDate day) {
        Map<String, Object> answers = new LinkedHashMap<>();
        ELEMENTS.forEach(e -> {
            if (random.nextInt(4) > 0) {
                answers.put(e, 1 + random.nextInt(5));
            }
        });
        Map<String, Object> assessments = new LinkedHashMap<>();
        CRITERIA.forEach(c -> {
            if (random.nextBoolean()) {
                assessments.put(c, random.nextBoolean());
            }
        });
        List<String> expectations = new ArrayList<>(EXPECTATIONS);
        Collections.shuffle(expectations, random);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("seq", seq);
        e.put("type", "survey");
        e.put("at", day.atTime(7 + random.nextInt(10), random.nextInt(60)).atOffset(VN).toString());
        e.put("answers", answers);
        e.put("assessments", assessments);
        e.put("expectations", expectations.subList(0, random.nextInt(4)));
        return e;
    }
}
