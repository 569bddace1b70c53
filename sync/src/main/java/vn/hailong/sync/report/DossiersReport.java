package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.rollup.DossierRollup;

/**
 * Timeliness and the 766 rate for dossiers returned in the period (domain.md §4): early / on time / late against
 * the appointment, response rate from counted ratings, and rate766, where an unrated dossier counts as satisfied.
 */
@Singleton
public class DossiersReport {
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final AgencySubtree subtree;
    private final DossierRollup rollup;
    private final RollupSums rollupSums;

    public DossiersReport(JdbcOperations jdbc, TransactionOperations<Connection> transactions, AgencySubtree subtree,
                          DossierRollup rollup, RollupSums rollupSums) {
        this.jdbc = jdbc;
        this.rollupSums = rollupSums;
        this.transactions = transactions;
        this.subtree = subtree;
        this.rollup = rollup;
    }

    static String columns(GroupBy groupBy) {
        return switch (groupBy) {
            case AGENCY -> "d.agency_code";
            case OFFICER -> "d.officer_id";
            case PROCEDURE -> "d.procedure_code";
            case DAY -> "d.returned_date";
            case MONTH -> "d.returned_month";
            default -> throw Problems.invalid("groupBy", "dossiers group by agency, officer, procedure, day or month, not "
                    + groupBy.parameter());
        };
    }

    /**
     * The six counts per group, from the roll-ups (brought up to date first): grouped by day, every day from the daily
     * rows; otherwise whole months from the monthly rows and the days of partial months from the daily rows, or,
     * grouped by officer or procedure (no daily rows), the whole weeks of partial months from the weekly rows (weeks
     * cut at month ends) and the few days around them from the dossiers.
     */
    public Map<SatisfactionReport.Key, long[]> counts(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        columns(groupBy == null ? GroupBy.AGENCY : groupBy);   // refuses the groupings this report has not
        rollup.refresh();
        return transactions.executeRead(status -> {
            RollupSelection selection = new RollupSelection(query, subtree, RollupSelection.Kept.DOSSIERS);
            Map<SatisfactionReport.Key, long[]> rows = new TreeMap<>();
            for (RollupSelection.Span span : selection.spans) {
                if (selection.fromRows(span)) {
                    fromDossiers(groupBy, span, selection.agencies("d.agency_code"), rows);
                } else {
                    fromRollups(selection, span, rows);
                }
            }
            // no dossier returned in the period: the whole selection still has its (zero) row
            if (groupBy == null && rows.isEmpty()) {
                rows.put(new SatisfactionReport.Key(null, null), new long[6]);
            }
            return rows;
        });
    }

    private void fromRollups(RollupSelection selection, RollupSelection.Span span, Map<SatisfactionReport.Key, long[]> rows) {
        String sql = rollupSums.select(selection.keyColumns, DossierRollup.SUMS, "dossier_rollup", selection.where());
        jdbc.prepareStatement(sql, ps -> {
            selection.bind(ps, span);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(rows, selection.key(rs), rs, selection.width());
                }
            }
            return null;
        });
    }

    private void fromDossiers(GroupBy groupBy, RollupSelection.Span days, String agencies,
                              Map<SatisfactionReport.Key, long[]> rows) {
        String key = columns(groupBy);
        // the rating that counts for a dossier is marked at ingest (counted_dossier, unique): one index look-up each
        String sql = "SELECT " + key + ", " + DossierRollup.COUNTS + " FROM dossier d LEFT JOIN rating f "
                + "ON f.counted_dossier = d.code WHERE d.returned_date BETWEEN ? AND ?" + agencies + " GROUP BY " + key;
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, days.first());
            ps.setObject(2, days.last());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(rows, new SatisfactionReport.Key(rs.getString(1), null), rs, 1);
                }
            }
            return null;
        });
    }

    /** Adds a row's six counts, after {@code width} key columns, to its group. */
    private static void add(Map<SatisfactionReport.Key, long[]> rows, SatisfactionReport.Key key, ResultSet rs, int width)
            throws java.sql.SQLException {
        long[] sum = rows.computeIfAbsent(key, x -> new long[6]);
        for (int j = 0; j < 6; j++) {
            sum[j] += rs.getLong(width + 1 + j);
        }
    }

    /** The figures from {returned, early, onTime, late, rated, dissatisfiedOrComplained}. */
    public static Map<String, Object> figures(long[] c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("returned", c[0]);
        f.put("early", c[1]);
        f.put("onTime", c[2]);
        f.put("late", c[3]);
        f.put("onTimeRate", Rates.percent(c[1] + c[2], c[0]));
        f.put("rated", c[4]);
        f.put("responseRate", Rates.percent(c[4], c[0]));
        f.put("rate766", Rates.percent(c[0] - c[5], c[0]));
        return f;
    }
}
