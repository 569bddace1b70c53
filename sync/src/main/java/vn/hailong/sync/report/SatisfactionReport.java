package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.LocalDate;
import java.time.YearMonth;
import vn.hailong.sync.rollup.RatingRollup;
import vn.hailong.sync.ingest.SipasElement;

/**
 * Satisfaction (tỷ lệ hài lòng) per group. For a bound dossier only its first rating counts (earliest
 * {@code at}, then smaller terminal id, then smaller seq), wherever and whenever the later ones fall;
 * later ones are re-ratings, counted in the period of their own {@code at}. Unbound ratings all count.
 * Which rating counts is decided at ingest ({@code rating.counted}), and the counts are kept per day and month in
 * {@code rating_rollup} ({@link RatingRollup}): a report reads whole months from the monthly rows and the
 * period's partial months from the daily rows, never the ratings themselves.
 */
@Singleton
public class SatisfactionReport {
    private static final int VALUES = 4 + SipasElement.values().length;
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

    /** Rows of one kind ('D' daily, 'M' monthly) whose period starts between two dates. */
    record Span(String kind, LocalDate first, LocalDate last) {
    }

    /**
     * The roll-up rows that make up [from, to]: the months wholly inside it from the monthly rows, the days
     * before and after them from the daily rows. Grouped by day, every day is a daily row.
     */
    static List<Span> spans(LocalDate from, LocalDate to, boolean byDay) {
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate lastMonthEnd = to.plusDays(1).getDayOfMonth() == 1 ? to : to.withDayOfMonth(1).minusDays(1);
        if (byDay || firstMonth.isAfter(lastMonthEnd)) {
            return List.of(new Span("D", from, to));
        }
        List<Span> spans = new ArrayList<>();
        if (from.isBefore(firstMonth)) {
            spans.add(new Span("D", from, firstMonth.minusDays(1)));
        }
        spans.add(new Span("M", firstMonth, lastMonthEnd.withDayOfMonth(1)));
        if (to.isAfter(lastMonthEnd)) {
            spans.add(new Span("D", lastMonthEnd.plusDays(1), to));
        }
        return spans;
    }

    @Transactional(readOnly = true)
    public Result compute(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        RatingRollup.Dimension dimension = groupBy == null ? RatingRollup.Dimension.ALL : switch (groupBy) {
            case COUNTER -> RatingRollup.Dimension.COUNTER;
            case OFFICER -> RatingRollup.Dimension.OFFICER;
            case PROCEDURE -> RatingRollup.Dimension.PROCEDURE;
            case TERMINAL -> RatingRollup.Dimension.TERMINAL;
            default -> RatingRollup.Dimension.ALL;
        };
        String keyColumns = groupBy == null ? null : switch (groupBy) {
            case AGENCY -> "agency_code";
            case COUNTER -> "agency_code, dim_key";
            case DAY, MONTH -> "period_start";
            default -> "dim_key";
        };
        String agencies = subtree.condition(query.agency(), "agency_code"); // the subtree is read once for every span
        Map<Key, long[]> sums = new TreeMap<>();
        for (Span span : spans(query.from(), query.to(), groupBy == GroupBy.DAY)) {
            String sql = "SELECT " + (keyColumns == null ? "" : keyColumns + ", ") + "SUM(satisfied), SUM(neutral), "
                    + "SUM(dissatisfied), SUM(re_ratings), SUM(reasons_access), SUM(reasons_procedure), "
                    + "SUM(reasons_officer), SUM(reasons_result), SUM(reasons_feedback) FROM rating_rollup "
                    + "WHERE dimension = ? AND period_kind = ? AND period_start BETWEEN ? AND ?" + agencies
                    + (keyColumns == null ? "" : " GROUP BY " + keyColumns);
            jdbc.prepareStatement(sql, ps -> {
                ps.setString(1, dimension.name());
                ps.setString(2, span.kind());
                ps.setObject(3, span.first());
                ps.setObject(4, span.last());
                try (ResultSet rs = ps.executeQuery()) {
                    int width = keyColumns == null ? 0 : keyColumns.split(",").length;
                    while (rs.next()) {
                        long[] sum = sums.computeIfAbsent(key(rs, groupBy), k -> new long[VALUES]);
                        for (int i = 0; i < VALUES; i++) {
                            sum[i] += rs.getLong(width + 1 + i);
                        }
                    }
                }
                return null;
            });
        }
        Map<Key, SatisfactionFigures> rows = new LinkedHashMap<>();
        long[] total = new long[VALUES];
        for (Map.Entry<Key, long[]> e : sums.entrySet()) {
            long[] v = e.getValue();
            if (v[0] + v[1] + v[2] + v[3] == 0) {
                continue;   // a total without rows: no rating in the selection
            }
            for (int i = 0; i < VALUES; i++) {
                total[i] += v[i];
            }
            if (groupBy != null) {
                rows.put(e.getKey(), figures(v));
            }
        }
        return new Result(rows, figures(total));
    }

    private static SatisfactionFigures figures(long[] v) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (SipasElement e : SipasElement.values()) {
            reasons.put(e.name(), v[4 + e.ordinal()]);
        }
        return SatisfactionFigures.of(v[0], v[1], v[2], v[3], reasons);
    }

    private static Key key(ResultSet rs, GroupBy groupBy) throws SQLException {
        if (groupBy == null) {
            return new Key(null, null);
        }
        return switch (groupBy) {
            case AGENCY -> new Key(rs.getString(1), null);
            case COUNTER -> new Key(emptyIsNone(rs.getString(2)), rs.getString(1));
            case DAY -> new Key(rs.getObject(1, LocalDate.class).toString(), null);
            case MONTH -> new Key(YearMonth.from(rs.getObject(1, LocalDate.class)).toString(), null);
            default -> new Key(emptyIsNone(rs.getString(1)), null);
        };
    }

    /** The roll-up keeps "no officer" (procedure, counter) as ''; the report shows it as null, as before. */
    private static String emptyIsNone(String key) {
        return key == null || key.isEmpty() ? null : key;
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
