package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.Engines;
import vn.hailong.sync.StatementBatches;
import vn.hailong.sync.ingest.RatingClass;
import vn.hailong.sync.ingest.SipasElement;

/**
 * Keeps {@code rating_rollup} (số liệu tổng hợp) in step with the ratings, in the ingest's own transaction:
 * each stored rating adds to its day's and its month's row for every dimension; a rating that stops counting
 * (an earlier one for its dossier arrived) moves from its class to the re-ratings. The additions of a batch are
 * summed per row first, then written in one statement batch, rows in key order (so two batches never wait on
 * each other crosswise).
 */
@Singleton
public class RatingRollup {
    /** What a rating contributes: where it falls, and how it is counted. */
    public record Rating(Place place, RatingClass ratingClass, boolean counted, List<String> reasons) {
    }

    /** The roll-up's sums, in column order. */
    public static final List<String> SUMS = List.of("satisfied", "neutral", "dissatisfied", "re_ratings",
            "reasons_access", "reasons_procedure", "reasons_officer", "reasons_result", "reasons_feedback");

    /**
     * A roll-up row's sums, in column order, computed from rows of the rating table: what a report reads from the
     * ratings where no roll-up row serves, and what V15 fills roll-up rows with.
     */
    public static final String SUMS_OF_RATINGS = sumsOfRatings();

    private final StatementBatches batches;
    private final String upsert;

    public RatingRollup(StatementBatches batches, @Value("${datasources.default.url}") String url) {
        this.batches = batches;
        this.upsert = Upsert.sql(Engines.isPostgres(url), "rating_rollup",
                List.of("dimension", "period_kind", "period_start", "agency_code", "dim_key"), SUMS);
    }

    /**
     * Adds {@code added} and takes away {@code removed}, in the caller's transaction. Summed per place first: a
     * batch's ratings share a few places (a terminal's day, counter, officers, procedures), and each place spreads
     * over sixteen rows.
     */
    public void apply(List<Rating> added, List<Rating> removed) {
        Map<Place, long[]> byPlace = new HashMap<>();
        added.forEach(r -> add(byPlace, r, 1));
        removed.forEach(r -> add(byPlace, r, -1));
        Map<Place.Row, long[]> sums = new TreeMap<>();
        byPlace.forEach((place, v) -> {
            for (Place.Row row : place.rows()) {
                long[] sum = sums.computeIfAbsent(row, k -> new long[v.length]);
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
            }
        });
        sums.values().removeIf(RatingRollup::allZero);
        batches.insert(upsert, sums.entrySet(), (ps, e) -> {
            e.getKey().bind(ps, 1);
            long[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                ps.setLong(6 + i, v[i]);
            }
        });
    }

    /** Adds a rating to its place's values: satisfied, neutral, dissatisfied, re-ratings, reasons (SipasElement order) */
    private static void add(Map<Place, long[]> byPlace, Rating r, int sign) {
        long[] v = byPlace.computeIfAbsent(r.place(), k -> new long[SUMS.size()]);
        if (!r.counted()) {
            v[3] += sign;
        } else {
            v[r.ratingClass().ordinal()] += sign;
            if (r.ratingClass() == RatingClass.DISSATISFIED) {
                for (String reason : r.reasons()) {
                    v[4 + SipasElement.valueOf(reason).ordinal()] += sign;
                }
            }
        }
    }

    private static String sumsOfRatings() {
        StringBuilder sums = new StringBuilder("SUM(CASE WHEN counted AND rating_class = 'SATISFIED' THEN 1 ELSE 0 END), ")
                .append("SUM(CASE WHEN counted AND rating_class = 'NEUTRAL' THEN 1 ELSE 0 END), ")
                .append("SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' THEN 1 ELSE 0 END), ")
                .append("SUM(CASE WHEN counted THEN 0 ELSE 1 END)");
        for (SipasElement e : SipasElement.values()) {
            sums.append(", SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,")
                    .append(e.name()).append(",%' THEN 1 ELSE 0 END)");
        }
        return sums.toString();
    }

    private static boolean allZero(long[] values) {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
