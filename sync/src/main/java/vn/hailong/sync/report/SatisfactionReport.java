package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.ingest.SipasElement;
import vn.hailong.sync.rollup.Place;
import vn.hailong.sync.rollup.RatingRollup;

/**
 * Satisfaction (tỷ lệ hài lòng) per group. For a bound dossier only its first rating counts (earliest
 * {@code at}, then smaller terminal id, then smaller seq), wherever and whenever the later ones fall;
 * later ones are re-ratings, counted in the period of their own {@code at}. Unbound ratings all count.
 * Which rating counts is decided at ingest ({@code rating.counted}), and the counts are kept per day and month in
 * {@code rating_rollup} ({@link RatingRollup}): a report reads whole months from the monthly rows and the
 * period's partial months from the daily rows; grouped by counter, officer, procedure or terminal, the whole
 * weeks of a partial month from the weekly rows and the days around them from the daily rows (by procedure, which
 * keeps no daily rows, from the ratings). By procedure for agencies that hold every agency rated in those months,
 * the months and weeks come from the whole tree's rows ({@link Place#PROCEDURE_TREE}).
 */
@Singleton
public class SatisfactionReport {
    private static final int VALUES = 4 + SipasElement.values().length;
    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;
    private final RollupSums rollupSums;

    public SatisfactionReport(JdbcOperations jdbc, AgencySubtree subtree, RollupSums rollupSums) {
        this.subtree = subtree;
        this.jdbc = jdbc;
        this.rollupSums = rollupSums;
    }

    /**
     * A row's key: the group's value as the answer names it (a code, day or month; {@code null} for the whole
     * selection) and, for counters, the agency.
     */
    public record Key(String value, String agencyCode) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = compare(agencyCode, o.agencyCode);
            return c != 0 ? c : compare(value, o.value);
        }

        private static int compare(String a, String b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            return a.compareTo(b);
        }

        /**
         * Not the record's {@code 31 * value + agencyCode}: under it, counters "1" to "5" in agencies "A100" to
         * "A599" share 700 hashes among 2,500 keys (both step by 31), and a hashed grouping by counter spent a
         * tenth of its time in {@code equals} (JFR, SIPAS at 10 million events).
         */
        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(value) * 1_000_003 ^ java.util.Objects.hashCode(agencyCode);
        }
    }

    public record Result(Map<Key, SatisfactionFigures> rows, SatisfactionFigures total) {
    }

    @Transactional(readOnly = true)
    public Result compute(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        RollupSelection selection = new RollupSelection(query, subtree, RollupSelection.Kept.RATINGS);
        Map<Key, long[]> sums = new TreeMap<>();
        String fromRollup = rollupSums.select(selection.keyColumns, RatingRollup.SUMS, "rating_rollup", selection.where());
        // by procedure for every agency rated then: the whole tree's rows, not those of 500 agencies (V21)
        boolean tree = selection.dimension == Place.Dimension.PROCEDURE && selection.holdsEveryAgencyOf(jdbc,
                "SELECT DISTINCT agency_code FROM rating_rollup WHERE dimension = 'ALL' AND period_kind = 'M' "
                        + "AND period_start BETWEEN ? AND ?", query.from(), query.to());
        String fromTree = rollupSums.select("dim_key", RatingRollup.SUMS, "rating_rollup", "dimension = '" + Place.PROCEDURE_TREE
                + "' AND period_kind = ? AND period_start BETWEEN ? AND ? AND agency_code = '" + Place.WHOLE_TREE + "'");
        String ratingKey = selection.ratingKeyColumns;
        String fromRatings = "SELECT " + (ratingKey == null ? "" : ratingKey + ", ") + RatingRollup.SUMS_OF_RATINGS
                + " FROM rating WHERE " + selection.ratingsWhere() + (ratingKey == null ? "" : " GROUP BY " + ratingKey);
        int width = selection.width();
        for (RollupSelection.Span span : selection.spans) {
            boolean ratings = selection.fromRows(span);
            jdbc.prepareStatement(ratings ? fromRatings : tree ? fromTree : fromRollup, ps -> {
                if (ratings) {
                    selection.bindRatings(ps, span);
                } else if (tree) {
                    selection.bindPeriod(ps, span, 1);
                } else {
                    selection.bind(ps, span);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] sum = sums.computeIfAbsent(selection.key(rs), k -> new long[VALUES]);
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
