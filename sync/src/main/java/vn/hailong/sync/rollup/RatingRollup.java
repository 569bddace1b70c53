package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.ingest.RatingClass;
import vn.hailong.sync.ingest.SipasElement;

/**
 * Keeps {@code rating_rollup} (số liệu tổng hợp) in step with the ratings, in the ingest's own transaction:
 * each stored rating adds to its day's and its month's row for every dimension; a rating that stops counting
 * (an earlier one for its dossier arrived) moves from its class to the re-ratings. The additions of a batch are
 * summed per row first, then written in one statement batch, rows in key order (so two batches never wait on
 * each other crosswise). On PostgreSQL the upsert is {@code INSERT ... ON CONFLICT DO UPDATE}; on H2 a MERGE,
 * whose rare race with another batch inserting the same new row ends in a unique violation, and the batch is
 * applied again (BatchIngest).
 */
@Singleton
public class RatingRollup {
    /** The roll-up's groupings; ALL serves the whole selection and the agency, day and month groupings. */
    public enum Dimension { ALL, COUNTER, OFFICER, PROCEDURE, TERMINAL }

    /** What a rating contributes: where it falls, and how it is counted. */
    public record Rating(LocalDate localDate, String agencyCode, String counter, String officerId, String procedureCode,
                         String terminalId, RatingClass ratingClass, boolean counted, List<String> reasons) {
        String key(Dimension dimension) {
            String key = switch (dimension) {
                case ALL -> "";
                case COUNTER -> counter;
                case OFFICER -> officerId;
                case PROCEDURE -> procedureCode;
                case TERMINAL -> terminalId;
            };
            return key == null ? "" : key;
        }
    }

    private record Row(String dimension, String kind, LocalDate start, String agency, String key)
            implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = dimension.compareTo(o.dimension);
            c = c != 0 ? c : kind.compareTo(o.kind);
            c = c != 0 ? c : start.compareTo(o.start);
            c = c != 0 ? c : agency.compareTo(o.agency);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private static final String POSTGRES = "INSERT INTO rating_rollup (dimension, period_kind, period_start, agency_code, "
            + "dim_key, satisfied, neutral, dissatisfied, re_ratings, reasons_access, reasons_procedure, reasons_officer, "
            + "reasons_result, reasons_feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (dimension, period_kind, period_start, agency_code, dim_key) DO UPDATE SET "
            + "satisfied = rating_rollup.satisfied + EXCLUDED.satisfied, neutral = rating_rollup.neutral + EXCLUDED.neutral, "
            + "dissatisfied = rating_rollup.dissatisfied + EXCLUDED.dissatisfied, "
            + "re_ratings = rating_rollup.re_ratings + EXCLUDED.re_ratings, "
            + "reasons_access = rating_rollup.reasons_access + EXCLUDED.reasons_access, "
            + "reasons_procedure = rating_rollup.reasons_procedure + EXCLUDED.reasons_procedure, "
            + "reasons_officer = rating_rollup.reasons_officer + EXCLUDED.reasons_officer, "
            + "reasons_result = rating_rollup.reasons_result + EXCLUDED.reasons_result, "
            + "reasons_feedback = rating_rollup.reasons_feedback + EXCLUDED.reasons_feedback";
    private static final String H2 = "MERGE INTO rating_rollup t USING (VALUES (CAST(? AS VARCHAR(10)), CAST(? AS CHAR(1)), "
            + "CAST(? AS DATE), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), CAST(? AS BIGINT), "
            + "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), "
            + "CAST(? AS BIGINT), CAST(? AS BIGINT))) s (dimension, period_kind, period_start, agency_code, dim_key, "
            + "satisfied, neutral, dissatisfied, re_ratings, ra, rp, ro, rr, rf) "
            + "ON t.dimension = s.dimension AND t.period_kind = s.period_kind AND t.period_start = s.period_start "
            + "AND t.agency_code = s.agency_code AND t.dim_key = s.dim_key "
            + "WHEN MATCHED THEN UPDATE SET satisfied = t.satisfied + s.satisfied, neutral = t.neutral + s.neutral, "
            + "dissatisfied = t.dissatisfied + s.dissatisfied, re_ratings = t.re_ratings + s.re_ratings, "
            + "reasons_access = t.reasons_access + s.ra, reasons_procedure = t.reasons_procedure + s.rp, "
            + "reasons_officer = t.reasons_officer + s.ro, reasons_result = t.reasons_result + s.rr, "
            + "reasons_feedback = t.reasons_feedback + s.rf "
            + "WHEN NOT MATCHED THEN INSERT VALUES (s.dimension, s.period_kind, s.period_start, s.agency_code, s.dim_key, "
            + "s.satisfied, s.neutral, s.dissatisfied, s.re_ratings, s.ra, s.rp, s.ro, s.rr, s.rf)";

    private final JdbcOperations jdbc;
    private final String upsert;

    public RatingRollup(JdbcOperations jdbc, @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.upsert = url.startsWith("jdbc:postgresql:") ? POSTGRES : H2;
    }

    /** Adds {@code added} and takes away {@code removed}, in the caller's transaction. */
    public void apply(List<Rating> added, List<Rating> removed) {
        Map<Row, long[]> sums = new TreeMap<>();
        added.forEach(r -> add(sums, r, 1));
        removed.forEach(r -> add(sums, r, -1));
        sums.values().removeIf(RatingRollup::allZero);
        if (sums.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(upsert, ps -> {
            for (Map.Entry<Row, long[]> e : sums.entrySet()) {
                Row row = e.getKey();
                ps.setString(1, row.dimension());
                ps.setString(2, row.kind());
                ps.setDate(3, Date.valueOf(row.start()));
                ps.setString(4, row.agency());
                ps.setString(5, row.key());
                long[] v = e.getValue();
                for (int i = 0; i < v.length; i++) {
                    ps.setLong(6 + i, v[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    /** The values of a row: satisfied, neutral, dissatisfied, re-ratings, then reasons in SipasElement order. */
    private static void add(Map<Row, long[]> sums, Rating r, int sign) {
        long[] v = new long[4 + SipasElement.values().length];
        if (!r.counted()) {
            v[3] = sign;
        } else {
            v[r.ratingClass().ordinal()] = sign;
            if (r.ratingClass() == RatingClass.DISSATISFIED) {
                for (String reason : r.reasons()) {
                    v[4 + SipasElement.valueOf(reason).ordinal()] += sign;
                }
            }
        }
        LocalDate month = r.localDate().withDayOfMonth(1);
        for (Dimension d : Dimension.values()) {
            for (Row row : List.of(new Row(d.name(), "D", r.localDate(), r.agencyCode(), r.key(d)),
                    new Row(d.name(), "M", month, r.agencyCode(), r.key(d)))) {
                long[] sum = sums.computeIfAbsent(row, k -> new long[v.length]);
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
            }
        }
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
