package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.with;

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
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.hailong.sync.ingest.SipasElement;
import vn.hailong.sync.report.GroupBy;
import vn.hailong.sync.report.ReportQuery;
import vn.hailong.sync.report.SatisfactionFigures;
import vn.hailong.sync.report.SatisfactionReport;

/**
 * The satisfaction report reads the roll-ups kept at ingest; they must say exactly what the ratings say. Random
 * ratings over half a year from three terminals of two agencies, bound to a small pool of dossiers and delivered
 * out of order (earlier ratings arriving later displace counted ones), then random periods and groupings: the
 * report equals a plain GROUP BY over the rating table, before and after the roll-ups are rebuilt by
 * V8's, V15's and V21's backfills; for the two agencies, one of them, or every agency (by procedure from the whole
 * tree's rows). Most periods hold whole weeks in a partial month (read from the weekly rows).
 */
@MicronautTest(environments = "synctest", transactional = false)
class RollupConsistencyTest {
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    SatisfactionReport report;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void theReportFromRollupsEqualsAGroupByOverTheRatings() throws Exception {
        Api api = new Api(server.getURI(), json);
        Batches batches = new Batches(json);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String parent = "RP-" + suffix;
        List<String> children = List.of("RC1-" + suffix, "RC2-" + suffix);
        api.agencyTree(parent, children);
        List<String> terminals = List.of("RT1-" + suffix, "RT2-" + suffix, "RT3-" + suffix);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int t = 0; t < terminals.size(); t++) {
            secrets.put(terminals.get(t), api.provision(terminals.get(t), children.get(t % 2), Integer.toString(1 + t)));
        }
        Random random = new Random(766);
        // each terminal's ratings in seq order, but their times are random: a later seq may be rated earlier
        for (String terminal : terminals) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int seq = 1; seq <= 150; seq++) {
                OffsetDateTime at = START.plusDays(random.nextInt(181)).atTime(7 + random.nextInt(10), random.nextInt(60))
                        .atOffset(VN);
                int value = 1 + random.nextInt(4);
                Map<String, Object> e = rating(UUID.randomUUID().toString(), seq, at.toString(), 4, value);
                if (random.nextInt(10) < 4) {
                    e = with(e, "dossierCode", "RD-" + suffix + "-" + random.nextInt(60));
                }
                if (random.nextBoolean()) {
                    e = with(e, "officerId", "cb" + random.nextInt(3));
                }
                if (random.nextBoolean()) {
                    e = with(e, "procedureCode", "2.00" + random.nextInt(4));
                }
                if (value == 1 && random.nextBoolean()) {
                    List<String> reasons = new ArrayList<>(Arrays.stream(SipasElement.values()).map(Enum::name).toList());
                    Collections.shuffle(reasons, random);
                    e = with(e, "reasons", reasons.subList(0, 1 + random.nextInt(3)));
                }
                events.add(e);
            }
            for (int from = 0; from < events.size(); from += 25) {
                Api.Response r = api.signed(terminal, secrets.get(terminal), "/api/v1/sync/batches",
                        batches.body(terminal, events.subList(from, from + 25)));
                assertEquals(200, r.status(), r.body());
                assertEquals(List.of(), r.list("rejected"), r.body());
            }
        }
        long reRatings = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM rating WHERE NOT counted AND agency_code IN (?, ?)", ps -> {
                    ps.setString(1, children.get(0));
                    ps.setString(2, children.get(1));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
        assertTrue(reRatings > 20, "the data has re-ratings: " + reRatings);

        List<ReportQuery> queries = new ArrayList<>();
        List<GroupBy> groupings = new ArrayList<>(Arrays.asList(GroupBy.values()));
        groupings.add(null);
        for (int i = 0; i < 40; i++) {
            LocalDate from = START.minusDays(10).plusDays(random.nextInt(200));
            LocalDate to = from.plusDays(random.nextInt(i % 4 == 0 ? 200 : 45));
            String agency = i % 3 == 0 ? parent : children.get(i % 2);
            queries.add(new ReportQuery(from, to, agency, groupings.get(i % groupings.size()), false));
        }
        queries.add(new ReportQuery(START, START.plusMonths(6).minusDays(1), parent, GroupBy.MONTH, false));
        // every agency (other tests' ratings too, in both): by procedure from the whole tree's rows
        for (int i = 0; i < 6; i++) {
            LocalDate from = START.minusDays(10).plusDays(random.nextInt(60));
            queries.add(new ReportQuery(from, from.plusDays(40 + random.nextInt(120)), null,
                    i % 3 == 0 ? null : GroupBy.PROCEDURE, false));
        }
        for (ReportQuery q : queries) {
            assertEquals(raw(q, agencies(q, parent, children)), fromReport(q), q.toString());
        }

        // V8's, V15's and V21's backfills (the ratings stored before roll-ups existed) build the same roll-ups
        transactions.executeWrite(status -> {
            jdbc.prepareStatement("DELETE FROM rating_rollup", java.sql.PreparedStatement::executeUpdate);
            try {
                RollupBackfill.ratings(status.getConnection());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        for (ReportQuery q : queries) {
            assertEquals(raw(q, agencies(q, parent, children)), fromReport(q), "after the backfill: " + q);
        }
    }

    /** The agencies a query's report covers, or null for every agency. */
    private static List<String> agencies(ReportQuery q, String parent, List<String> children) {
        return q.agency() == null ? null : parent.equals(q.agency()) ? children : List.of(q.agency());
    }

    private Map<String, List<Long>> fromReport(ReportQuery q) {
        SatisfactionReport.Result result = report.compute(q);
        Map<String, List<Long>> rows = new TreeMap<>();
        result.rows().forEach((key, figures) -> rows.put(key.agencyCode() + "|" + key.value(), values(figures)));
        rows.put("total", values(result.total()));
        return rows;
    }

    private static List<Long> values(SatisfactionFigures f) {
        List<Long> v = new ArrayList<>(List.of(f.byClass().satisfied(), f.byClass().neutral(), f.byClass().dissatisfied(),
                f.reRatings()));
        for (SipasElement e : SipasElement.values()) {
            v.add(f.reasons().get(e.name()));
        }
        return v;
    }

    /** The report as the ratings say it, by a plain GROUP BY (over every agency when {@code agencies} is null). */
    private Map<String, List<Long>> raw(ReportQuery q, List<String> agencies) {
        String key = q.groupBy() == null ? null : switch (q.groupBy()) {
            case AGENCY -> "agency_code";
            case COUNTER -> "agency_code, counter_code";
            case OFFICER -> "officer_id";
            case PROCEDURE -> "procedure_code";
            case TERMINAL -> "terminal_id";
            case DAY -> "local_date";
            case MONTH -> "local_month";
        };
        StringBuilder sums = new StringBuilder("SUM(CASE WHEN counted AND rating_class = 'SATISFIED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN counted AND rating_class = 'NEUTRAL' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN counted THEN 0 ELSE 1 END)");
        for (SipasElement e : SipasElement.values()) {
            sums.append(", SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,")
                    .append(e.name()).append(",%' THEN 1 ELSE 0 END)");
        }
        String sql = "SELECT " + (key == null ? "" : key + ", ") + sums + " FROM rating WHERE local_date BETWEEN ? AND ? "
                + (agencies == null ? "" : "AND agency_code IN (" + String.join(", ", Collections.nCopies(agencies.size(),
                "?")) + ")") + (key == null ? "" : " GROUP BY " + key);
        int width = key == null ? 0 : key.split(",").length;
        Map<String, List<Long>> rows = new TreeMap<>();
        long[] total = new long[4 + SipasElement.values().length];
        transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, q.from());
            ps.setObject(2, q.to());
            for (int i = 0; agencies != null && i < agencies.size(); i++) {
                ps.setString(3 + i, agencies.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Long> v = new ArrayList<>();
                    for (int i = 0; i < total.length; i++) {
                        v.add(rs.getLong(width + 1 + i));
                        total[i] += rs.getLong(width + 1 + i);
                    }
                    if (key != null && v.stream().mapToLong(Long::longValue).sum() > 0) {
                        String agency = q.groupBy() == GroupBy.COUNTER ? rs.getString(1) : null;
                        Object value = q.groupBy() == GroupBy.COUNTER ? rs.getString(2) : rs.getObject(1);
                        rows.put(agency + "|" + (value == null ? null : value.toString()), v);
                    }
                }
            }
            return null;
        }));
        rows.put("total", Arrays.stream(total).boxed().toList());
        return rows;
    }
}
