package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.with;

import db.migration.V17__dossier_rollup_weeks;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.hailong.sync.report.DossiersReport;
import vn.hailong.sync.report.GroupBy;
import vn.hailong.sync.report.ReportQuery;
import vn.hailong.sync.rollup.DossierRollup;

/**
 * The dossiers report reads roll-ups that two sides change (the import and the ingest, in either order, at once);
 * they must say exactly what the dossiers and their counted ratings say. Dossiers imported in chunks while ratings
 * bound to them arrive from two terminals at the same time (some before their dossier, some displacing an earlier
 * counted one), then re-imported with other dates and agencies: for random periods and groupings the report equals
 * a plain GROUP BY over the dossiers joined to their counted ratings; and V11's backfill builds the same roll-ups.
 */
@MicronautTest(environments = "synctest", transactional = false)
class DossierRollupTest {
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final LocalDate START = LocalDate.of(2025, 3, 1);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DossiersReport report;
    @Inject
    DossierRollup rollup;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void theReportFromRollupsEqualsAGroupByOverTheDossiers() throws Exception {
        Api api = new Api(server.getURI(), json);
        Batches batches = new Batches(json);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String parent = "DRP-" + suffix;
        List<String> children = List.of("DRC1-" + suffix, "DRC2-" + suffix);
        api.agencyTree(parent, children);
        List<String> terminals = List.of("DRT1-" + suffix, "DRT2-" + suffix);
        List<String> secrets = List.of(api.provision(terminals.get(0), children.get(0), "1"),
                api.provision(terminals.get(1), children.get(1), "2"));
        Random random = new Random(766);
        int dossiers = 300;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < dossiers; i++) {
            codes.add("DR-" + suffix + "-" + i);
        }

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // the import, in chunks (each its own request and transaction) ...
            List<String> records = new ArrayList<>();
            for (String code : codes) {
                records.add(dossier(random, code, children.get(random.nextInt(2)), 0));
            }
            Future<?> importing = pool.submit(() -> {
                for (int from = 0; from < records.size(); from += 30) {
                    Api.Response r = api.admin("POST", "/api/v1/admin/dossiers",
                            "[" + String.join(",", records.subList(from, from + 30)) + "]");
                    assertEquals(200, r.status(), r.body());
                }
                return null;
            });
            // ... while both terminals send ratings of those dossiers, their times random (later seqs may be earlier)
            List<Future<?>> sending = new ArrayList<>();
            for (int t = 0; t < terminals.size(); t++) {
                int terminal = t;
                sending.add(pool.submit(() -> {
                    Random own = new Random(terminal);
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (int seq = 1; seq <= 240; seq++) {
                        OffsetDateTime at = START.plusDays(own.nextInt(120)).atTime(8 + own.nextInt(9), own.nextInt(60))
                                .atOffset(VN);
                        events.add(with(rating(UUID.randomUUID().toString(), seq, at.toString(), 4, 1 + own.nextInt(4)),
                                "dossierCode", codes.get(own.nextInt(dossiers))));
                    }
                    for (int from = 0; from < events.size(); from += 20) {
                        Api.Response r = api.signed(terminals.get(terminal), secrets.get(terminal), "/api/v1/sync/batches",
                                batches.body(terminals.get(terminal), events.subList(from, from + 20)));
                        assertEquals(200, r.status(), r.body());
                    }
                    return null;
                }));
            }
            importing.get();
            for (Future<?> f : sending) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<ReportQuery> queries = new ArrayList<>();
        List<GroupBy> groupings = Arrays.asList(null, GroupBy.AGENCY, GroupBy.DAY, GroupBy.MONTH, GroupBy.OFFICER,
                GroupBy.PROCEDURE);
        for (int i = 0; i < 48; i++) {
            LocalDate from = START.minusDays(10).plusDays(random.nextInt(330));
            LocalDate to = from.plusDays(random.nextInt(i % 3 == 0 ? 250 : 40));
            String agency = i % 3 == 0 ? parent : children.get(i % 2);
            queries.add(new ReportQuery(from, to, agency, groupings.get(i % groupings.size()), false));
        }
        queries.add(new ReportQuery(START.minusMonths(1), START.plusMonths(12), parent, GroupBy.MONTH, false));
        // everything so far taken in, so that what follows is judged alone
        rollup.refresh();
        assertEquals(0, count("SELECT COUNT(*) FROM dossier_rollup_stale", List.of()));
        assertReportsMatch(queries, parent, children, "after the concurrent import and ratings: ");
        // a re-import moves a third of the dossiers to months no dossier was in, all to one agency (the months and
        // agencies they leave must be recomputed too), or reopens them
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < dossiers; i += 3) {
            moved.add(dossier(random, codes.get(i), children.get(0), 200));
        }
        assertEquals(200, api.admin("POST", "/api/v1/admin/dossiers", "[" + String.join(",", moved) + "]").status());
        assertReportsMatch(queries, parent, children, "after the re-import: ");
        // then, with every dossier imported, more ratings: some rated earlier than the counted one, displacing it
        for (int t = 0; t < terminals.size(); t++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int seq = 241; seq <= 300; seq++) {
                OffsetDateTime at = START.minusDays(random.nextInt(3)).atTime(8, random.nextInt(60)).atOffset(VN);
                events.add(with(rating(UUID.randomUUID().toString(), seq, at.toString(), 4, 1 + random.nextInt(4)),
                        "dossierCode", codes.get(1 + 3 * random.nextInt(dossiers / 3))));
            }
            Api.Response r = api.signed(terminals.get(t), secrets.get(t), "/api/v1/sync/batches",
                    batches.body(terminals.get(t), events));
            assertEquals(200, r.status(), r.body());
        }
        assertReportsMatch(queries, parent, children, "after the late ratings: ");
        // the HTTP answer is the same report
        Api.Response r = api.send("GET", "/api/v1/reports/dossiers?from=" + START + "&to=" + START.plusMonths(5)
                + "&agency=" + parent, null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        long[] whole = rawTotals(new ReportQuery(START, START.plusMonths(5), parent, null, false), children).get("total");
        assertEquals(whole[0], ((Number) r.map("total").get("returned")).longValue());
        assertEquals(whole[4], ((Number) r.map("total").get("rated")).longValue());
        assertEquals(0, count("SELECT COUNT(*) FROM dossier_rollup_stale", List.of()),
                "every mark is taken in once a report has refreshed");

        // V11's and V17's backfills (the dossiers stored before roll-ups existed) build the same roll-ups
        List<String> backfill = RollupBackfill.dossierSql();
        assertEquals(4, backfill.size());
        transactions.executeWrite(status -> {
            jdbc.prepareStatement("DELETE FROM dossier_rollup", java.sql.PreparedStatement::executeUpdate);
            for (String statement : backfill) {
                jdbc.prepareStatement(statement, java.sql.PreparedStatement::executeUpdate);
            }
            return jdbc.execute(c -> {
                V17__dossier_rollup_weeks.backfill(c);
                return null;
            });
        });
        assertReportsMatch(queries, parent, children, "after the backfill: ");
    }

    private void assertReportsMatch(List<ReportQuery> queries, String parent, List<String> children, String when) {
        for (ReportQuery q : queries) {
            List<String> agencies = parent.equals(q.agency()) ? children : List.of(q.agency());
            assertEquals(raw(q, agencies), fromReport(q), when + q);
        }
    }

    /**
     * A dossier received in the 110 days after START plus {@code offset} days, due a week later, returned early, on
     * time, late, or not yet; some complained of.
     */
    private static String dossier(Random random, String code, String agency, int offset) {
        OffsetDateTime received = START.plusDays(offset + random.nextInt(110)).atTime(8, 0).atOffset(VN);
        OffsetDateTime due = received.plusDays(7).withHour(17);
        int outcome = random.nextInt(10);
        OffsetDateTime returned = outcome == 0 ? null : outcome < 4 ? due.minusDays(1 + random.nextInt(3))
                : outcome < 8 ? due.minusHours(random.nextInt(6)) : due.plusDays(random.nextInt(4)).plusHours(1);
        return "{\"code\":\"" + code + "\",\"agencyCode\":\"" + agency + "\",\"procedureCode\":\"2.00" + random.nextInt(3)
                + "\",\"officerId\":\"cb" + random.nextInt(3) + "\",\"receivedAt\":\"" + received + "\",\"dueAt\":\"" + due
                + "\"" + (returned == null ? "" : ",\"returnedAt\":\"" + returned + "\"") + ",\"complaints\":"
                + (random.nextInt(8) == 0 ? 1 : 0) + "}";
    }

    private long count(String sql, List<String> parameters) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private Map<String, List<Long>> fromReport(ReportQuery q) {
        Map<String, List<Long>> rows = new TreeMap<>();
        long[] total = new long[6];
        report.counts(q).forEach((key, c) -> {
            for (int i = 0; i < 6; i++) {
                total[i] += c[i];
            }
            if (q.groupBy() != null) {
                rows.put(String.valueOf(key.value()), Arrays.stream(c).boxed().toList());
            }
        });
        rows.put("total", Arrays.stream(total).boxed().toList());
        return rows;
    }

    /** The report as the dossiers say it: every dossier returned in the period, joined to its counted rating. */
    private Map<String, List<Long>> raw(ReportQuery q, List<String> agencies) {
        Map<String, List<Long>> rows = new TreeMap<>();
        rawTotals(q, agencies).forEach((k, v) -> rows.put(k, Arrays.stream(v).boxed().toList()));
        return rows;
    }

    private Map<String, long[]> rawTotals(ReportQuery q, List<String> agencies) {
        String key = q.groupBy() == null ? null : switch (q.groupBy()) {
            case AGENCY -> "d.agency_code";
            case OFFICER -> "d.officer_id";
            case PROCEDURE -> "d.procedure_code";
            case DAY -> "d.returned_date";
            default -> "d.returned_month";
        };
        String sql = "SELECT " + (key == null ? "" : key + ", ") + "COUNT(*), "
                + "SUM(CASE WHEN d.returned_date < d.due_date THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.returned_date >= d.due_date AND d.returned_at <= d.due_at THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.returned_at > d.due_at THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN EXISTS (SELECT 1 FROM rating f WHERE f.counted_dossier = d.code) THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.complaints > 0 OR EXISTS (SELECT 1 FROM rating f WHERE f.counted_dossier = d.code "
                + "AND f.rating_class = 'DISSATISFIED') THEN 1 ELSE 0 END) "
                + "FROM dossier d WHERE d.returned_date BETWEEN ? AND ? AND d.agency_code IN ("
                + String.join(", ", Collections.nCopies(agencies.size(), "?")) + ")" + (key == null ? "" : " GROUP BY " + key);
        Map<String, long[]> rows = new TreeMap<>();
        long[] total = new long[6];
        transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, q.from());
            ps.setObject(2, q.to());
            for (int i = 0; i < agencies.size(); i++) {
                ps.setString(3 + i, agencies.get(i));
            }
            int w = key == null ? 0 : 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[6];
                    for (int i = 0; i < 6; i++) {
                        v[i] = rs.getLong(w + 1 + i);
                        total[i] += v[i];
                    }
                    if (key != null) {
                        rows.put(String.valueOf(rs.getObject(1)).trim(), v);
                    }
                }
            }
            return null;
        }));
        rows.put("total", total);
        return rows;
    }
}
