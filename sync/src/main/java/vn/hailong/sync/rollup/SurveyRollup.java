package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.StatementBatches;

/**
 * Keeps the survey roll-ups in step with the counter surveys, in the ingest's own transaction: each stored survey
 * adds its items ({@link SurveyItems}) to its agency's day ('D') and month ('M') in {@code survey_rollup} (V12), and
 * to its month and week ('W', from Monday) under its counter, officer and terminal in {@code survey_dim_rollup}
 * (V20). The SIPAS report reads the first for the whole selection and groupings by agency, day or month, the second
 * for groupings by counter, officer or terminal (and the surveys for the days around the whole weeks), the surveys
 * when grouped by procedure.
 */
@Singleton
public class SurveyRollup {
    /** A stored survey: where it falls (its local day, agency, counter, ...) and its answers as stored. */
    public record Survey(Place place, String answers, String assessments, String expectations) {
    }

    /** One {@code survey_rollup} row's key: 'D' with the day, or 'M' with the first day of the month. */
    public record Row(String kind, LocalDate start, String agencyCode, String item) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = kind.compareTo(o.kind);
            c = c != 0 ? c : start.compareTo(o.start);
            c = c != 0 ? c : agencyCode.compareTo(o.agencyCode);
            return c != 0 ? c : item.compareTo(o.item);
        }
    }

    /** One {@code survey_dim_rollup} row's key: a dimension's key ('' for none) in a month ('M') or week ('W'). */
    public record DimRow(String dimension, String kind, LocalDate start, String agencyCode, String key, String item)
            implements Comparable<DimRow> {
        @Override
        public int compareTo(DimRow o) {
            int c = dimension.compareTo(o.dimension);
            c = c != 0 ? c : kind.compareTo(o.kind);
            c = c != 0 ? c : start.compareTo(o.start);
            c = c != 0 ? c : agencyCode.compareTo(o.agencyCode);
            c = c != 0 ? c : key.compareTo(o.key);
            return c != 0 ? c : item.compareTo(o.item);
        }
    }

    /**
     * The dimensions {@code survey_dim_rollup} keeps. Not PROCEDURE: its rows (an agency's procedure, a week, an item)
     * outnumbered the surveys nine to one at 10 million events (ReportsAtScaleBenchmark's 1,000,000 surveys, 9.9
     * million rows), and PostgreSQL read ten months of them more slowly (1.6 s) than the surveys themselves.
     */
    public static final List<Place.Dimension> DIMENSIONS = List.of(Place.Dimension.COUNTER, Place.Dimension.OFFICER,
            Place.Dimension.TERMINAL);

    private final StatementBatches batches;
    private final String upsert;
    private final String dimUpsert;

    public SurveyRollup(StatementBatches batches, @Value("${datasources.default.url}") String url) {
        this.batches = batches;
        boolean postgres = url.startsWith("jdbc:postgresql:");
        this.upsert = Upsert.sql(postgres, "survey_rollup",
                List.of("period_kind", "period_start", "agency_code", "item"), List.of("answers", "good"));
        this.dimUpsert = Upsert.sql(postgres, "survey_dim_rollup",
                List.of("dimension", "period_kind", "period_start", "agency_code", "dim_key", "item"),
                List.of("answers", "good"));
    }

    /** Adds a survey's items to the sums per row ({answers, good}), its day's and its month's. */
    public static void addTo(Map<Row, long[]> sums, Survey s) {
        LocalDate day = s.place().localDate();
        String agency = s.place().agencyCode();
        for (SurveyItems.Item item : SurveyItems.of(s.answers(), s.assessments(), s.expectations())) {
            add(sums, new Row("D", day, agency, item.item()), item);
            add(sums, new Row("M", day.withDayOfMonth(1), agency, item.item()), item);
        }
    }

    /** Adds a survey's items to the sums per dimension row: its month's and its week's under each dimension's key. */
    public static void addToDimensions(Map<DimRow, long[]> sums, Survey s) {
        LocalDate month = s.place().localDate().withDayOfMonth(1);
        LocalDate week = Place.weekOf(s.place().localDate());
        String agency = s.place().agencyCode();
        for (SurveyItems.Item item : SurveyItems.of(s.answers(), s.assessments(), s.expectations())) {
            for (Place.Dimension d : DIMENSIONS) {
                String key = s.place().key(d);
                add(sums, new DimRow(d.name(), "M", month, agency, key, item.item()), item);
                add(sums, new DimRow(d.name(), "W", week, agency, key, item.item()), item);
            }
        }
    }

    private static <K> void add(Map<K, long[]> sums, K row, SurveyItems.Item item) {
        long[] sum = sums.computeIfAbsent(row, k -> new long[2]);
        sum[0] += item.answers();
        sum[1] += item.good();
    }

    /** The statement's parameters for one row and its sums, in {@link #upsert}'s and V13's column order. */
    public static void bind(PreparedStatement ps, Row row, long[] sums) throws SQLException {
        ps.setString(1, row.kind());
        ps.setDate(2, Date.valueOf(row.start()));
        ps.setString(3, row.agencyCode());
        ps.setString(4, row.item());
        ps.setLong(5, sums[0]);
        ps.setLong(6, sums[1]);
    }

    /** The same for a dimension row, in {@link #dimUpsert}'s and V20's column order. */
    public static void bind(PreparedStatement ps, DimRow row, long[] sums) throws SQLException {
        ps.setString(1, row.dimension());
        ps.setString(2, row.kind());
        ps.setDate(3, Date.valueOf(row.start()));
        ps.setString(4, row.agencyCode());
        ps.setString(5, row.key());
        ps.setString(6, row.item());
        ps.setLong(7, sums[0]);
        ps.setLong(8, sums[1]);
    }

    /** Adds these surveys, in the caller's transaction, rows in key order (two batches never wait crosswise). */
    public void add(List<Survey> surveys) {
        if (surveys.isEmpty()) {
            return;
        }
        Map<Row, long[]> sums = new TreeMap<>();
        Map<DimRow, long[]> dimSums = new TreeMap<>();
        for (Survey s : surveys) {
            addTo(sums, s);
            addToDimensions(dimSums, s);
        }
        batches.insert(upsert, sums.entrySet(), (ps, e) -> bind(ps, e.getKey(), e.getValue()));
        batches.insert(dimUpsert, dimSums.entrySet(), (ps, e) -> bind(ps, e.getKey(), e.getValue()));
    }
}
