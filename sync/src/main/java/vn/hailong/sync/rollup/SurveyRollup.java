package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code survey_rollup} in step with the counter surveys (khảo sát tại quầy), in the ingest's transaction:
 * per day and month, agency and dimension, one row per item with its answers and hits. Items: {@code R}
 * respondents; {@code E:ELEMENT} an element's answers and those of 4 or 5; {@code C:CODE} an assessment
 * criterion's answers and those true; {@code X:CODE} how many named an expectation.
 */
@Singleton
public class SurveyRollup {
    /** What a survey contributes. */
    public record Survey(Place place, Map<String, Integer> answers, Map<String, Boolean> assessments,
                         List<String> expectations) {
    }

    private final JdbcOperations jdbc;
    private final String upsert;

    public SurveyRollup(JdbcOperations jdbc, @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.upsert = Upsert.sql(url.startsWith("jdbc:postgresql:"), "survey_rollup",
                List.of("dimension", "period_kind", "period_start", "agency_code", "dim_key", "item"),
                List.of("answers", "hits"));
    }

    /** Adds these surveys, in the caller's transaction. */
    public void apply(List<Survey> surveys) {
        Map<Item, long[]> sums = new TreeMap<>();
        for (Survey s : surveys) {
            Map<String, long[]> items = new TreeMap<>();
            items.put("R", new long[] {1, 0});
            s.answers().forEach((element, value) -> items.put("E:" + element, new long[] {1, value >= 4 ? 1 : 0}));
            s.assessments().forEach((code, yes) -> items.put("C:" + code, new long[] {1, yes ? 1 : 0}));
            s.expectations().forEach(code -> items.put("X:" + code, new long[] {1, 0}));
            for (Place.Row row : s.place().rows()) {
                items.forEach((item, v) -> {
                    long[] sum = sums.computeIfAbsent(new Item(row, item), k -> new long[2]);
                    sum[0] += v[0];
                    sum[1] += v[1];
                });
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(upsert, ps -> {
            for (Map.Entry<Item, long[]> e : sums.entrySet()) {
                Place.Row row = e.getKey().row();
                ps.setString(1, row.dimension());
                ps.setString(2, row.kind());
                ps.setDate(3, java.sql.Date.valueOf(row.start()));
                ps.setString(4, row.agency());
                ps.setString(5, row.key());
                ps.setString(6, e.getKey().item());
                ps.setLong(7, e.getValue()[0]);
                ps.setLong(8, e.getValue()[1]);
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    private record Item(Place.Row row, String item) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            int c = row.compareTo(o.row);
            return c != 0 ? c : item.compareTo(o.item);
        }
    }
}
