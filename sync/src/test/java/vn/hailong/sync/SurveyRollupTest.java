package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import db.migration.V13__survey_rollup_backfill;
import db.migration.V20__survey_tally;
import db.migration.V22__survey_tree_rollup;
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
 * The SIPAS report reads the survey roll-ups kept at ingest (monthly and daily rows per agency) for the whole
 * selection and groupings by agency, day and month, and the tallies per group, month and week (V20) with the surveys
 * of the days around the weeks when grouped by counter, officer, procedure or terminal (by procedure for a subtree,
 * the surveys alone when another agency has surveys in those months), and the whole tree's roll-ups (V22) for the
 * whole selection, by day or by month when the selection holds every agency surveyed then. For random periods, one of
 * them for every agency, every figure counted, each
 * way, must equal what this test counts from the surveys it sent, and every figure from the roll-ups (sipas too) what
 * the report computes by counter; and again after V13's, V20's and V22's backfills rebuilt the roll-ups and tallies from the
 * stored surveys. Batches of many terminals adding to the same tallies at once lose nothing.
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
    private List<Sent> sent;
    /** The agency whose subtree holds every survey sent. */
    private String parent;

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
        parent = "SRP-" + suffix;
        List<String> children = List.of("SRC1-" + suffix, "SRC2-" + suffix);
        api.agencyTree(parent, children);
        Random random = new Random(2025);
        sent = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String terminal = "SRT" + t + "-" + suffix;
            String agency = children.get(t % 2);
            String counter = Integer.toString(1 + t / 2 * 5 + t % 2);   // terminals 0 and 2: two counters of agency 1
            String secret = api.provision(terminal, agency, counter);
            List<Map<String, Object>> events = new ArrayList<>();
            for (int seq = 1; seq <= 200; seq++) {
                Map<String, Object> e = survey(random, seq, START.plusDays(random.nextInt(120)));
                events.add(e);
                sent.add(new Sent(e, agency, counter, terminal));
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
        periods.add(new String[] {START.plusDays(9).toString(), START.plusDays(100).toString(), null});   // every agency
        // no other test's surveys in these months: the parent's report by procedure reads the whole tree's tallies
        assertEquals(0L, countOf("SELECT COUNT(*) FROM survey WHERE local_date BETWEEN DATE '2025-01-01' AND "
                + "DATE '2025-07-31' AND agency_code NOT IN ('" + String.join("', '", children) + "')"));
        assertSameEachWay(periods, children, "");

        // V13's, V20's and V22's backfills (the surveys stored before roll-ups and tallies existed) build the same ones
        transactions.executeWrite(status -> {
            jdbc.prepareStatement("DELETE FROM survey_rollup", java.sql.PreparedStatement::executeUpdate);
            jdbc.prepareStatement("DELETE FROM survey_tally", java.sql.PreparedStatement::executeUpdate);
            jdbc.prepareStatement("DELETE FROM survey_tree_rollup", java.sql.PreparedStatement::executeUpdate);
            try {
                new V13__survey_rollup_backfill().migrate(RollupBackfill.context(status.getConnection()));
                V20__survey_tally.backfill(status.getConnection());
                V22__survey_tree_rollup.backfill(status.getConnection());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertSameEachWay(periods, children, "after the backfill: ");
    }

    /**
     * Eight terminals of two agencies send their batches at once, every survey of one month naming one of two
     * procedures: each batch adds to the same tallies of the whole tree (and its counter's, officer's and terminal's),
     * and the report by each grouping, for the whole tree, must count every survey once.
     */
    @Test
    void batchesAddingToTheSameTalliesAtOnceLoseNothing() throws Exception {
        api = new Api(server.getURI(), json);
        Batches batches = new Batches(json);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        parent = "SCP-" + suffix;
        List<String> children = List.of("SCC1-" + suffix, "SCC2-" + suffix);
        api.agencyTree(parent, children);
        LocalDate march = LocalDate.of(2020, 3, 1);
        Random random = new Random(2020);
        sent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.Callable<Void>> terminals = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String terminal = "SCT" + t + "-" + suffix;
            String agency = children.get(t % 2);
            String counter = Integer.toString(1 + t % 3);
            String secret = api.provision(terminal, agency, counter);
            List<Map<String, Object>> events = new ArrayList<>();
            for (int seq = 1; seq <= 100; seq++) {
                Map<String, Object> e = survey(random, seq, march.plusDays(random.nextInt(31)));
                e.put("procedureCode", "9.00" + random.nextInt(2));
                events.add(e);
                sent.add(new Sent(e, agency, counter, terminal));
            }
            terminals.add(() -> {
                for (int from = 0; from < events.size(); from += 10) {   // small batches: many at once
                    Api.Response r = api.signed(terminal, secret, "/api/v1/sync/batches",
                            batches.body(terminal, events.subList(from, from + 10)));
                    assertEquals(200, r.status(), r.body());
                    assertEquals(List.of(), r.list("rejected"), r.body());
                }
                return null;
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(terminals)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0L, countOf("SELECT COUNT(*) FROM survey WHERE local_date BETWEEN DATE '2020-03-01' AND "
                + "DATE '2020-03-31' AND agency_code NOT IN ('" + String.join("', '", children) + "')"),
                "no other test's surveys in March 2020: the report for the whole tree is this test's");
        for (String period : List.of("from=2020-03-01&to=2020-03-31", "from=2020-03-03&to=2020-03-23")) {
            LocalDate from = LocalDate.parse(period.substring(5, 15));
            LocalDate to = LocalDate.parse(period.substring(19));
            for (String groupBy : List.of("counter", "officer", "procedure", "terminal")) {
                long respondents = 0;
                for (Map<String, Object> row : report(period + "&groupBy=" + groupBy).list("rows")) {
                    Map<String, Object> expected = counted(from, to, parent, inGroup(groupBy, row));
                    assertEquals(expected, counts(row), period + ", " + groupBy + " " + row.get("key"));
                    respondents += (Long) expected.get("respondents");
                }
                assertEquals(counted(from, to, parent, s -> true).get("respondents"), respondents,
                        period + ": every survey in one group by " + groupBy);
            }
        }
    }

    /** Which surveys sent belong to a report's row grouped by counter, officer, procedure or terminal. */
    private static java.util.function.Predicate<Sent> inGroup(String groupBy, Map<String, Object> row) {
        Object key = row.get("key");
        return switch (groupBy) {
            case "counter" -> s -> s.counter().equals(key) && s.agency().equals(row.get("agencyCode"));
            case "officer" -> s -> java.util.Objects.equals(s.event().get("officerId"), key);
            case "procedure" -> s -> java.util.Objects.equals(s.event().get("procedureCode"), key);
            default -> s -> s.terminal().equals(key);
        };
    }

    private long countOf(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private void assertSameEachWay(List<String[]> periods, List<String> children, String when) {
        int months = 0;
        int days = 0;
        int groups = 0;
        for (String[] p : periods) {
            LocalDate from = LocalDate.parse(p[0]);
            LocalDate to = LocalDate.parse(p[1]);
            String selection = "from=" + p[0] + "&to=" + p[1] + (p[2] == null ? "" : "&agency=" + p[2]);
            Map<String, Object> whole = counted(from, to, p[2], s -> true);
            Map<String, Object> total = report(selection).map("total");
            assertEquals(whole, counts(total), when + selection);
            assertEquals(fromSurveys(p[0], p[1], p[2]), total, when + selection);
            for (Map<String, Object> row : report(selection + "&groupBy=month").list("rows")) {
                YearMonth month = YearMonth.parse((String) row.get("key"));
                LocalDate first = max(month.atDay(1), from);
                LocalDate last = min(month.atEndOfMonth(), to);
                assertEquals(counted(first, last, p[2], s -> true), counts(row), when + selection + ", month " + month);
                assertEquals(fromSurveys(first.toString(), last.toString(), p[2]), withoutKey(row),
                        when + selection + ", month " + month);
                months++;
            }
            List<Map<String, Object>> dayRows = report(selection + "&groupBy=day").list("rows");
            for (Map<String, Object> row : dayRows.subList(0, Math.min(3, dayRows.size()))) {
                LocalDate day = LocalDate.parse((String) row.get("key"));
                assertEquals(counted(day, day, p[2], s -> true), counts(row), when + selection + ", day " + day);
                assertEquals(fromSurveys(day.toString(), day.toString(), p[2]), withoutKey(row),
                        when + selection + ", day " + day);
                days++;
            }
            for (Map<String, Object> row : report(selection + "&groupBy=agency").list("rows")) {
                String agency = (String) row.get("key");
                assertTrue(children.contains(agency), agency);
                assertEquals(counted(from, to, agency, s -> true), counts(row), when + selection + ", agency " + agency);
                assertEquals(fromSurveys(p[0], p[1], agency), withoutKey(row), when + selection + ", agency " + agency);
            }
            for (String groupBy : List.of("counter", "officer", "procedure", "terminal")) {
                List<Map<String, Object>> rows = report(selection + "&groupBy=" + groupBy).list("rows");
                long respondents = 0;
                for (Map<String, Object> row : rows) {
                    Map<String, Object> expected = counted(from, to, p[2], inGroup(groupBy, row));
                    assertEquals(expected, counts(row), when + selection + ", " + groupBy + " " + row.get("key"));
                    respondents += (Long) expected.get("respondents");
                    groups++;
                }
                assertEquals(whole.get("respondents"), respondents,
                        when + selection + ": every survey in one group by " + groupBy);
            }
        }
        assertTrue(months > 20 && days > 20 && groups > 100, "months compared: " + months + ", days: " + days
                + ", groups: " + groups);
    }

    /** A survey as sent, with where its terminal stands. */
    private record Sent(Map<String, Object> event, String agency, String counter, String terminal) {
        LocalDate day() {
            return java.time.OffsetDateTime.parse((String) event.get("at")).toLocalDate();
        }
    }

    /**
     * What the report must count for the surveys sent in a period, under an agency (or its subtree) and in a group,
     * counted here from the surveys themselves: respondents, each element's answers and index (4 or 5), each
     * criterion's answers and index (true), each expectation named; as {@link #counts} reads a report's figures.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> counted(LocalDate from, LocalDate to, String agency,
                                        java.util.function.Predicate<Sent> inGroup) {
        long respondents = 0;
        Map<String, long[]> elements = new java.util.TreeMap<>();
        Map<String, long[]> criteria = new java.util.TreeMap<>();
        Map<String, Long> expectations = new java.util.TreeMap<>();
        for (Sent s : sent) {
            boolean under = agency == null || agency.equals(parent) || s.agency().equals(agency);
            if (!under || s.day().isBefore(from) || s.day().isAfter(to) || !inGroup.test(s)) {
                continue;
            }
            respondents++;
            ((Map<String, Integer>) s.event().get("answers")).forEach((k, v) -> tally(elements, k, v >= 4));
            ((Map<String, Boolean>) s.event().get("assessments")).forEach((k, v) -> tally(criteria, k, v));
            ((List<String>) s.event().get("expectations")).forEach(x -> expectations.merge(x, 1L, Long::sum));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("respondents", respondents);
        out.put("elements", indexed(elements));
        out.put("assessments", indexed(criteria));
        out.put("expectations", expectations);
        return out;
    }

    private static void tally(Map<String, long[]> counts, String code, boolean good) {
        long[] c = counts.computeIfAbsent(code, k -> new long[2]);
        c[0]++;
        c[1] += good ? 1 : 0;
    }

    private static Map<String, String> indexed(Map<String, long[]> counts) {
        Map<String, String> out = new java.util.TreeMap<>();
        counts.forEach((code, c) -> out.put(code, c[0] + " answers, index " + java.math.BigDecimal.valueOf(c[1] * 100)
                .divide(java.math.BigDecimal.valueOf(c[0]), 2, java.math.RoundingMode.HALF_UP)));
        return out;
    }

    /** The counted figures of a report's row or total, in {@link #counted}'s shape (elements nobody answered left out). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("respondents", ((Number) figures.get("respondents")).longValue());
        out.put("elements", answered((Map<String, Map<String, Object>>) figures.get("elements")));
        out.put("assessments", answered((Map<String, Map<String, Object>>) figures.get("assessments")));
        Map<String, Long> expectations = new java.util.TreeMap<>();
        ((Map<String, Object>) figures.get("expectations")).forEach((k, v) -> expectations.put(k, ((Number) v).longValue()));
        out.put("expectations", expectations);
        return out;
    }

    private static Map<String, String> answered(Map<String, Map<String, Object>> rows) {
        Map<String, String> out = new java.util.TreeMap<>();
        rows.forEach((code, row) -> {
            long answers = ((Number) row.get("answers")).longValue();
            if (answers > 0) {
                out.put(code, answers + " answers, index " + new java.math.BigDecimal(row.get("index").toString())
                        .setScale(2, java.math.RoundingMode.UNNECESSARY));
            }
        });
        return out;
    }

    /**
     * Every figure of a selection (sipas and the assessment indices too) as the report computes them grouped by
     * counter (from the tallies and the surveys of the days around their weeks), to compare with what it computes
     * from the roll-ups per agency.
     */
    private Map<String, Object> fromSurveys(String from, String to, String agency) {
        return report("from=" + from + "&to=" + to + (agency == null ? "" : "&agency=" + agency) + "&groupBy=counter")
                .map("total");
    }

    private static Map<String, Object> withoutKey(Map<String, Object> row) {
        Map<String, Object> figures = new LinkedHashMap<>(row);
        figures.remove("key");
        return figures;
    }

    private Api.Response report(String query) {
        Api.Response r = api.send("GET", "/api/v1/reports/sipas?" + query, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        return r;
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
        if (random.nextInt(5) > 0) {   // some surveys name no officer or procedure: the group of none
            e.put("officerId", "cb" + random.nextInt(4));
            e.put("procedureCode", "1.00" + random.nextInt(6));
        }
        return e;
    }
}
