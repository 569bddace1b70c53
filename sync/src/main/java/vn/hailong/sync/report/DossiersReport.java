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
     * The six counts per group. The whole selection and groupings by agency, day or month read the roll-ups (brought
     * up to date first); groupings by officer or procedure read the dossiers.
     */
    public Map<SatisfactionReport.Key, long[]> counts(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        if (groupBy == GroupBy.OFFICER || groupBy == GroupBy.PROCEDURE) {
            return transactions.executeRead(status -> fromDossiers(query));
        }
        columns(groupBy == null ? GroupBy.AGENCY : groupBy);   // refuses the groupings this report has not
        rollup.refresh();
        return transactions.executeRead(status -> fromRollups(query));
    }

    private Map<SatisfactionReport.Key, long[]> fromRollups(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        String key = groupBy == null ? null : groupBy == GroupBy.AGENCY ? "agency_code" : "period_start";
        String agencies = subtree.condition(query.agency(), "agency_code");
        Map<SatisfactionReport.Key, long[]> rows = new TreeMap<>();
        for (RollupSelection.Span span : RollupSelection.spans(query.from(), query.to(), groupBy == GroupBy.DAY)) {
            String sql = "SELECT " + (key == null ? "" : key + ", ") + DossierRollup.SUMS + " FROM dossier_rollup "
                    + "WHERE period_kind = ? AND period_start BETWEEN ? AND ?" + agencies
                    + (key == null ? "" : " GROUP BY " + key);
            jdbc.prepareStatement(sql, ps -> {
                ps.setString(1, span.kind());
                ps.setObject(2, span.first());
                ps.setObject(3, span.last());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String k = groupBy == null ? null : switch (groupBy) {
                            case AGENCY -> rs.getString(1);
                            case DAY -> rs.getObject(1, LocalDate.class).toString();
                            default -> YearMonth.from(rs.getObject(1, LocalDate.class)).toString();
                        };
                        long[] sum = rows.computeIfAbsent(new SatisfactionReport.Key(k, null), x -> new long[6]);
                        int w = key == null ? 0 : 1;
                        for (int j = 0; j < 6; j++) {
                            sum[j] += rs.getLong(w + 1 + j);
                        }
                    }
                }
                return null;
            });
        }
        // no dossier returned in the period: the whole selection still has its (zero) row, as from the dossiers
        if (groupBy == null && rows.isEmpty()) {
            rows.put(new SatisfactionReport.Key(null, null), new long[6]);
        }
        return rows;
    }

    private Map<SatisfactionReport.Key, long[]> fromDossiers(ReportQuery query) {
        String key = query.groupBy() == null ? null : columns(query.groupBy());
        // the rating that counts for a dossier is marked at ingest (counted_dossier, unique): one index look-up each
        String sql = "SELECT " + (key == null ? "" : key + ", ") + DossierRollup.COUNTS + " "
                + "FROM dossier d LEFT JOIN rating f ON f.counted_dossier = d.code "
                + "WHERE d.returned_date BETWEEN ? AND ?" + subtree.condition(query.agency(), "d.agency_code")
                + (key == null ? "" : " GROUP BY " + key);
        Map<SatisfactionReport.Key, long[]> rows = new TreeMap<>();
        jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, query.from());
            ps.setObject(i, query.to());
            int w = key == null ? 0 : 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object k = w == 0 ? null : rs.getObject(1);
                    long[] c = new long[6];
                    for (int j = 0; j < 6; j++) {
                        c[j] = rs.getLong(w + 1 + j);
                    }
                    rows.put(new SatisfactionReport.Key(k == null ? null : k.toString(), null), c);
                }
            }
            return null;
        });
        return rows;
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
