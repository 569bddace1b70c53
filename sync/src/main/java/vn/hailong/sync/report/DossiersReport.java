package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.api.Problems;

/**
 * Timeliness and the 766 rate for dossiers returned in the period (domain.md §4): early / on time / late against
 * the appointment, response rate from counted ratings, and rate766, where an unrated dossier counts as satisfied.
 */
@Singleton
public class DossiersReport {
    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;

    public DossiersReport(JdbcOperations jdbc, AgencySubtree subtree) {
        this.subtree = subtree;
        this.jdbc = jdbc;
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

    @Transactional(readOnly = true)
    public Map<SatisfactionReport.Key, long[]> counts(ReportQuery query) {
        String key = query.groupBy() == null ? null : columns(query.groupBy());
        // the rating that counts for a dossier is marked at ingest (counted_dossier, unique): one index look-up each
        String sql = "SELECT " + (key == null ? "" : key + ", ") + "COUNT(*), "
                + "SUM(CASE WHEN d.returned_date < d.due_date THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.returned_date >= d.due_date AND d.returned_at <= d.due_at THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.returned_at > d.due_at THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN f.rating_class IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN f.rating_class = 'DISSATISFIED' OR d.complaints > 0 THEN 1 ELSE 0 END) "
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
