package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code survey_rollup} (V12) in step with the counter surveys, in the ingest's own transaction: each stored
 * survey adds its items ({@link SurveyItems}) to its agency's month. Monthly and for the whole agency only: the
 * SIPAS report reads whole months from here and the days of partial months, and other groupings, from the surveys.
 */
@Singleton
public class SurveyRollup {
    /** A stored survey: the first day of its local month, its agency, and its answers as stored. */
    public record Survey(LocalDate month, String agencyCode, String answers, String assessments, String expectations) {
    }

    /** One roll-up row's key. */
    public record Row(LocalDate month, String agencyCode, String item) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = month.compareTo(o.month);
            c = c != 0 ? c : agencyCode.compareTo(o.agencyCode);
            return c != 0 ? c : item.compareTo(o.item);
        }
    }

    private final JdbcOperations jdbc;
    private final String upsert;

    public SurveyRollup(JdbcOperations jdbc, @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.upsert = Upsert.sql(url.startsWith("jdbc:postgresql:"), "survey_rollup",
                List.of("period_start", "agency_code", "item"), List.of("answers", "good"));
    }

    /** Adds a survey's items to the sums per row ({answers, good}). */
    public static void addTo(Map<Row, long[]> sums, Survey s) {
        for (SurveyItems.Item item : SurveyItems.of(s.answers(), s.assessments(), s.expectations())) {
            long[] sum = sums.computeIfAbsent(new Row(s.month(), s.agencyCode(), item.item()), k -> new long[2]);
            sum[0] += item.answers();
            sum[1] += item.good();
        }
    }

    /** Adds these surveys, in the caller's transaction, rows in key order (two batches never wait crosswise). */
    public void add(List<Survey> surveys) {
        if (surveys.isEmpty()) {
            return;
        }
        Map<Row, long[]> sums = new TreeMap<>();
        surveys.forEach(s -> addTo(sums, s));
        jdbc.prepareStatement(upsert, ps -> {
            for (Map.Entry<Row, long[]> e : sums.entrySet()) {
                ps.setDate(1, Date.valueOf(e.getKey().month()));
                ps.setString(2, e.getKey().agencyCode());
                ps.setString(3, e.getKey().item());
                ps.setLong(4, e.getValue()[0]);
                ps.setLong(5, e.getValue()[1]);
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }
}
