package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Date;
import vn.hailong.sync.Engines;
import vn.hailong.sync.StatementBatches;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code survey_rollup} (V12) in step with the counter surveys, in the ingest's own transaction: each stored
 * survey adds its items ({@link SurveyItems}) to its agency's day ('D') and month ('M'), and to the whole tree's
 * ({@code survey_tree_rollup}, V22). The SIPAS report reads them for the whole selection and for groupings by agency,
 * day or month (the whole tree's when the selection holds every agency surveyed then).
 */
@Singleton
public class SurveyRollup {
    /** A stored survey: its local day, its agency, and its answers as stored. */
    public record Survey(LocalDate day, String agencyCode, String answers, String assessments, String expectations) {
    }

    /** One roll-up row's key: 'D' with the day, or 'M' with the first day of the month. */
    public record Row(String kind, LocalDate start, String agencyCode, String item) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = kind.compareTo(o.kind);
            c = c != 0 ? c : start.compareTo(o.start);
            c = c != 0 ? c : agencyCode.compareTo(o.agencyCode);
            return c != 0 ? c : item.compareTo(o.item);
        }
    }

    private final StatementBatches batches;
    private final String upsert;
    private final String upsertTree;

    public SurveyRollup(StatementBatches batches, @Value("${datasources.default.url}") String url) {
        this.batches = batches;
        boolean postgres = Engines.isPostgres(url);
        this.upsert = Upsert.sql(postgres, "survey_rollup", List.of("period_kind", "period_start", "agency_code", "item"),
                List.of("answers", "good"));
        this.upsertTree = Upsert.sql(postgres, "survey_tree_rollup", List.of("period_kind", "period_start", "item"),
                List.of("answers", "good"));
    }

    /** Adds a survey's items to the sums per row ({answers, good}), its day's and its month's. */
    public static void addTo(Map<Row, long[]> sums, Survey s) {
        for (SurveyItems.Item item : SurveyItems.of(s.answers(), s.assessments(), s.expectations())) {
            for (Row row : List.of(new Row("D", s.day(), s.agencyCode(), item.item()),
                    new Row("M", s.day().withDayOfMonth(1), s.agencyCode(), item.item()))) {
                long[] sum = sums.computeIfAbsent(row, k -> new long[2]);
                sum[0] += item.answers();
                sum[1] += item.good();
            }
        }
    }

    /** The statement's parameters for one row and its sums, in {@link #upsert}'s and V13's column order. */
    public static void bind(java.sql.PreparedStatement ps, Row row, long[] sums) throws java.sql.SQLException {
        ps.setString(1, row.kind());
        ps.setDate(2, Date.valueOf(row.start()));
        ps.setString(3, row.agencyCode());
        ps.setString(4, row.item());
        ps.setLong(5, sums[0]);
        ps.setLong(6, sums[1]);
    }

    /** Adds these surveys, in the caller's transaction, rows in key order (two batches never wait crosswise). */
    public void add(List<Survey> surveys) {
        if (surveys.isEmpty()) {
            return;
        }
        Map<Row, long[]> sums = new TreeMap<>();
        surveys.forEach(s -> addTo(sums, s));
        batches.insert(upsert, sums.entrySet(), (ps, e) -> bind(ps, e.getKey(), e.getValue()));
        // the whole tree's rows (V22): the same sums without the agency, in key order
        Map<Row, long[]> tree = new TreeMap<>();
        sums.forEach((row, sum) -> {
            long[] t = tree.computeIfAbsent(new Row(row.kind(), row.start(), Place.WHOLE_TREE, row.item()), k -> new long[2]);
            t[0] += sum[0];
            t[1] += sum[1];
        });
        batches.insert(upsertTree, tree.entrySet(), (ps, e) -> {
            ps.setString(1, e.getKey().kind());
            ps.setDate(2, Date.valueOf(e.getKey().start()));
            ps.setString(3, e.getKey().item());
            ps.setLong(4, e.getValue()[0]);
            ps.setLong(5, e.getValue()[1]);
        });
    }
}
