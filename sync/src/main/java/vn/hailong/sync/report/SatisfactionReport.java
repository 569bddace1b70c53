package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.ingest.SipasElement;

/**
 * Satisfaction (tỷ lệ hài lòng) per group. For a bound dossier only its first rating counts (earliest
 * {@code at}, then smaller terminal id, then smaller seq), wherever and whenever the later ones fall;
 * later ones are re-ratings, counted in the period of their own {@code at}. Unbound ratings all count.
 * Which rating counts is decided at ingest ({@code rating.counted}), so a report reads only its period's rows.
 */
@Singleton
public class SatisfactionReport {
    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;

    public SatisfactionReport(JdbcOperations jdbc, AgencySubtree subtree) {
        this.subtree = subtree;
        this.jdbc = jdbc;
    }

    /** A row's key: the group's value ({@code null} for the whole selection) and, for counters, the agency. */
    public record Key(Object value, String agencyCode) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = compare(agencyCode, o.agencyCode);
            return c != 0 ? c : compare(value == null ? null : value.toString(), o.value == null ? null : o.value.toString());
        }

        private static int compare(String a, String b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            return a.compareTo(b);
        }
    }

    public record Result(Map<Key, SatisfactionFigures> rows, SatisfactionFigures total) {
    }

    private record Counts(long satisfied, long neutral, long dissatisfied, long reRatings) {
    }

    @Transactional(readOnly = true)
    public Result compute(ReportQuery query) {
        String keyColumns = query.groupBy() == null ? null : query.groupBy().columns;
        String where = where(query); // the agency subtree is read once for both queries
        Map<Key, Counts> counts = counts(query, keyColumns, where);
        Map<Key, Map<String, Long>> reasons = reasons(query, keyColumns, where);
        Map<Key, SatisfactionFigures> rows = new LinkedHashMap<>();
        long s = 0;
        long n = 0;
        long d = 0;
        long re = 0;
        Map<String, Long> totalReasons = emptyReasons();
        for (Map.Entry<Key, Counts> e : counts.entrySet()) {
            Counts c = e.getValue();
            Map<String, Long> rowReasons = reasons.getOrDefault(e.getKey(), emptyReasons());
            rowReasons.forEach((element, count) -> totalReasons.merge(element, count, Long::sum));
            s += c.satisfied();
            n += c.neutral();
            d += c.dissatisfied();
            re += c.reRatings();
            if (keyColumns != null) {
                rows.put(e.getKey(), SatisfactionFigures.of(c.satisfied(), c.neutral(), c.dissatisfied(), c.reRatings(),
                        rowReasons));
            }
        }
        return new Result(rows, SatisfactionFigures.of(s, n, d, re, totalReasons));
    }

    private Map<Key, Counts> counts(ReportQuery query, String keyColumns, String where) {
        String select = keyColumns == null ? "" : keyColumns + ", ";
        String sql = "SELECT " + select
                + "SUM(CASE WHEN counted AND rating_class = 'SATISFIED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN counted AND rating_class = 'NEUTRAL' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN counted THEN 0 ELSE 1 END) "
                + "FROM rating WHERE " + where
                + (keyColumns == null ? "" : " GROUP BY " + keyColumns);
        Map<Key, Counts> counts = new TreeMap<>();
        jdbc.prepareStatement(sql, ps -> {
            bind(ps, query);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int k = keyWidth(query);
                    counts.put(key(rs, query), new Counts(rs.getLong(k + 1), rs.getLong(k + 2), rs.getLong(k + 3),
                            rs.getLong(k + 4)));
                }
            }
            return null;
        });
        return counts;
    }

    private Map<Key, Map<String, Long>> reasons(ReportQuery query, String keyColumns, String where) {
        String sql = "SELECT " + (keyColumns == null ? "" : keyColumns + ", ") + "reasons FROM rating "
                + "WHERE counted AND rating_class = 'DISSATISFIED' AND reasons IS NOT NULL AND " + where;
        Map<Key, Map<String, Long>> reasons = new TreeMap<>();
        jdbc.prepareStatement(sql, ps -> {
            bind(ps, query);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> row = reasons.computeIfAbsent(key(rs, query), k -> emptyReasons());
                    for (String element : rs.getString(keyWidth(query) + 1).split(",")) {
                        row.merge(element, 1L, Long::sum);
                    }
                }
            }
            return null;
        });
        return reasons;
    }

    private String where(ReportQuery query) {
        return "local_date BETWEEN ? AND ?" + subtree.condition(query.agency(), "agency_code");
    }

    private static void bind(PreparedStatement ps, ReportQuery query) throws SQLException {
        int i = 1;
        ps.setObject(i++, query.from());
        ps.setObject(i, query.to());
    }

    private static int keyWidth(ReportQuery query) {
        if (query.groupBy() == null) {
            return 0;
        }
        return query.groupBy() == GroupBy.COUNTER ? 2 : 1;
    }

    private static Key key(ResultSet rs, ReportQuery query) throws SQLException {
        if (query.groupBy() == null) {
            return new Key(null, null);
        }
        return switch (query.groupBy()) {
            case COUNTER -> new Key(rs.getString(2), rs.getString(1));
            case DAY -> new Key(rs.getObject(1, java.time.LocalDate.class).toString(), null);
            default -> new Key(rs.getString(1), null);
        };
    }

    private static Map<String, Long> emptyReasons() {
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (SipasElement e : SipasElement.values()) {
            reasons.put(e.name(), 0L);
        }
        return reasons;
    }

    /** Column order of the CSV form. */
    static List<String> csvHeader(GroupBy groupBy) {
        List<String> header = new ArrayList<>();
        header.add("key");
        if (groupBy == GroupBy.COUNTER) {
            header.add("agencyCode");
        }
        header.addAll(List.of("counted", "satisfied", "neutral", "dissatisfied", "satisfactionRate",
                "dissatisfactionRate", "reRatings"));
        for (SipasElement e : SipasElement.values()) {
            header.add("reasons." + e.name());
        }
        return header;
    }
}
