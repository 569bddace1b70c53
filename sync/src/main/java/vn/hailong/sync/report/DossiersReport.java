package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
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

    public DossiersReport(JdbcOperations jdbc, TransactionOperations<Connection> transactions, AgencySubtree subtree,
                          DossierRollup rollup) {
        this.jdbc = jdbc;
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
     * grouped by officer or procedure (kept monthly only), from the dossiers of those days.
     */
    public Map<SatisfactionReport.Key, long[]> counts(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        columns(groupBy == null ? GroupBy.AGENCY : groupBy);   // refuses the groupings this report has not
        rollup.refresh();
        return transactions.executeRead(status -> {
            String agencies = subtree.condition(query.agency(), "agency_code");   // read once for every span
            boolean monthlyOnly = groupBy == GroupBy.OFFICER || groupBy == GroupBy.PROCEDURE;
            String dossierAgencies = monthlyOnly ? subtree.condition(query.agency(), "d.agency_code") : null;
            Map<SatisfactionReport.Key, long[]> rows = new TreeMap<>();
            for (RollupSelection.Span span : RollupSelection.spans(query.from(), query.to(), groupBy == GroupBy.DAY)) {
                if (monthlyOnly && span.kind().equals("D")) {
                    fromDossiers(groupBy, span, dossierAgencies, rows);
                } else {
                    fromRollups(groupBy, span, agencies, rows);
                }
            }
            // no dossier returned in the period: the whole selection still has its (zero) row
            if (groupBy == null && rows.isEmpty()) {
                rows.put(new SatisfactionReport.Key(null, null), new long[6]);
            }
            return rows;
        });
    }

    private void fromRollups(GroupBy groupBy, RollupSelection.Span span, String agencies,
                             Map<SatisfactionReport.Key, long[]> rows) {
        String dimension = groupBy == GroupBy.OFFICER || groupBy == GroupBy.PROCEDURE ? groupBy.name() : "ALL";
        String key = groupBy == null ? null : switch (groupBy) {
            case AGENCY -> "agency_code";
            case DAY, MONTH -> "period_start";
            default -> "dim_key";
        };
        String sql = "SELECT " + (key == null ? "" : key + ", ") + DossierRollup.SUMS + " FROM dossier_rollup "
                + "WHERE dimension = ? AND period_kind = ? AND period_start BETWEEN ? AND ?" + agencies
                + (key == null ? "" : " GROUP BY " + key);
        jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, dimension);
            ps.setString(2, span.kind());
            ps.setObject(3, span.first());
            ps.setObject(4, span.last());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = groupBy == null ? null : switch (groupBy) {
                        case DAY -> rs.getObject(1, LocalDate.class).toString();
                        case MONTH -> YearMonth.from(rs.getObject(1, LocalDate.class)).toString();
                        default -> rs.getString(1).isEmpty() ? null : rs.getString(1);   // '' is "no officer"
                    };
                    add(rows, k, rs, key == null ? 0 : 1);
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
                    add(rows, rs.getString(1), rs, 1);
                }
            }
            return null;
        });
    }

    /** Adds a row's six counts, after {@code width} key columns, to its group. */
    private static void add(Map<SatisfactionReport.Key, long[]> rows, String key, ResultSet rs, int width)
            throws java.sql.SQLException {
        long[] sum = rows.computeIfAbsent(new SatisfactionReport.Key(key, null), x -> new long[6]);
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
