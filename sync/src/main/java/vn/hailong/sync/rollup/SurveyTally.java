package vn.hailong.sync.rollup;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.Engines;
import vn.hailong.sync.StatementBatches;

/**
 * The counter surveys' tallies (khảo sát tại quầy) per group, month ('M') and Monday week ('W'), {@code survey_tally}
 * (V20): one row per counter, officer or terminal of an agency, and per procedure of the whole tree (agency ''), its
 * items ({@link SurveyItems}, the respondents too) summed in one text column, {@code ITEM=answers/good,...}. The
 * SIPAS report grouped by one of these reads a row per group and month instead of every survey: ten months of a
 * province are 20,000 counter rows against 430,000 surveys. A row per item (tried before, PERFORMANCE.md) was hardly
 * fewer rows than the surveys; a row per group is. Procedure rows are kept for the whole tree only: an agency's
 * procedure sees a survey or two a month, so rows per agency would be about as many as the surveys; a report for a
 * subtree reads them only when no agency outside it has a survey in those months.
 * <p>
 * The database cannot add two such texts, so a batch adds its surveys in three statements, in the ingest's own
 * transaction: the missing rows are inserted empty, its rows are read locked (in key order, as every roll-up here,
 * so two batches never wait crosswise), and written back with the sums added.
 */
@Singleton
public class SurveyTally {
    /** The groupings kept, as {@link Place.Dimension} names them. */
    public static final List<Place.Dimension> DIMENSIONS = List.of(Place.Dimension.COUNTER, Place.Dimension.OFFICER,
            Place.Dimension.PROCEDURE, Place.Dimension.TERMINAL);
    /** Rows per locking read: five parameters each. */
    private static final int CHUNK = 200;

    /** A stored survey: where it was given and its lists as stored. */
    public record Survey(Place place, String answers, String assessments, String expectations) {
    }

    private final JdbcOperations jdbc;
    private final StatementBatches batches;
    private final String insertMissing;

    public SurveyTally(JdbcOperations jdbc, StatementBatches batches, @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.batches = batches;
        String columns = "dimension, period_kind, period_start, agency_code, dim_key";
        this.insertMissing = Engines.isPostgres(url)
                ? "INSERT INTO survey_tally (" + columns + ", items) VALUES (?, ?, ?, ?, ?, '') ON CONFLICT DO NOTHING"
                : "MERGE INTO survey_tally t USING (VALUES (CAST(? AS VARCHAR(16)), CAST(? AS CHAR(1)), CAST(? AS DATE), "
                + "CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)))) s (" + columns + ") ON t.dimension = s.dimension "
                + "AND t.period_kind = s.period_kind AND t.period_start = s.period_start AND t.agency_code = s.agency_code "
                + "AND t.dim_key = s.dim_key WHEN NOT MATCHED THEN INSERT (" + columns + ", items) VALUES (s.dimension, "
                + "s.period_kind, s.period_start, s.agency_code, s.dim_key, '')";
    }

    /** Adds a survey's items to the sums of its rows: its month's and week's in each dimension. */
    public static void addTo(Map<Place.Row, Map<String, long[]>> sums, Survey s) {
        List<SurveyItems.Item> items = SurveyItems.of(s.answers(), s.assessments(), s.expectations());
        for (Place.Row row : rows(s.place())) {
            Map<String, long[]> sum = sums.computeIfAbsent(row, k -> new TreeMap<>());
            add(sum, items);
        }
    }

    private static void add(Map<String, long[]> sum, List<SurveyItems.Item> items) {
        for (SurveyItems.Item item : items) {
            long[] s = sum.computeIfAbsent(item.item(), k -> new long[2]);
            s[0] += item.answers();
            s[1] += item.good();
        }
    }

    static List<Place.Row> rows(Place place) {
        LocalDate month = place.localDate().withDayOfMonth(1);
        LocalDate week = Place.weekOf(place.localDate());
        List<Place.Row> rows = new ArrayList<>(2 * DIMENSIONS.size());
        for (Place.Dimension d : DIMENSIONS) {
            String agency = d == Place.Dimension.PROCEDURE ? Place.WHOLE_TREE : place.agencyCode();
            rows.add(new Place.Row(d.name(), "M", month, agency, place.key(d)));
            rows.add(new Place.Row(d.name(), "W", week, agency, place.key(d)));
        }
        return rows;
    }

    /** A row's items as stored: {@code ITEM=answers/good}, comma-separated, in item order. */
    public static String encode(Map<String, long[]> sums) {
        StringBuilder out = new StringBuilder();
        sums.forEach((item, s) -> out.append(out.length() == 0 ? "" : ",").append(item).append('=').append(s[0])
                .append('/').append(s[1]));
        return out.toString();
    }

    /** What {@link #decode} hands over: one item's sums. */
    @FunctionalInterface
    public interface ItemSums {
        void item(String item, long answers, long good);
    }

    /** Reads a row's items as {@link #encode} wrote them. */
    public static void decode(String items, ItemSums to) {
        for (int from = 0; items != null && from < items.length(); ) {
            int comma = items.indexOf(',', from);
            int end = comma < 0 ? items.length() : comma;
            int eq = items.lastIndexOf('=', end - 1);
            int slash = items.indexOf('/', eq);
            to.item(items.substring(from, eq), Long.parseLong(items, eq + 1, slash, 10),
                    Long.parseLong(items, slash + 1, end, 10));
            from = end + 1;
        }
    }

    /** Adds these surveys, in the caller's transaction. */
    public void add(List<Survey> surveys) {
        if (surveys.isEmpty()) {
            return;
        }
        TreeMap<Place.Row, Map<String, long[]>> sums = new TreeMap<>();
        surveys.forEach(s -> addTo(sums, s));
        batches.insert(insertMissing, sums.keySet(), (ps, row) -> row.bind(ps, 1));
        List<Place.Row> keys = new ArrayList<>(sums.keySet());
        Map<Place.Row, String> stored = new TreeMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            stored.putAll(locked(keys.subList(from, Math.min(keys.size(), from + CHUNK))));
        }
        List<Map.Entry<Place.Row, String>> written = new ArrayList<>();
        sums.forEach((row, sum) -> {
            Map<String, long[]> total = new TreeMap<>(sum);
            decode(stored.get(row), (item, answers, good) -> {
                long[] s = total.computeIfAbsent(item, k -> new long[2]);
                s[0] += answers;
                s[1] += good;
            });
            written.add(Map.entry(row, encode(total)));
        });
        batches.execute("UPDATE survey_tally SET items = ? WHERE dimension = ? AND period_kind = ? AND period_start = ? "
                + "AND agency_code = ? AND dim_key = ?", written, (ps, e) -> {
                    ps.setString(1, e.getValue());
                    e.getKey().bind(ps, 2);
                });
    }

    /** These rows' items, each row locked until the transaction ends. */
    private Map<Place.Row, String> locked(List<Place.Row> rows) {
        StringBuilder sql = new StringBuilder("SELECT dimension, period_kind, period_start, agency_code, dim_key, items "
                + "FROM survey_tally WHERE (dimension, period_kind, period_start, agency_code, dim_key) IN (");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        sql.append(") ORDER BY dimension, period_kind, period_start, agency_code, dim_key FOR UPDATE");
        return jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).bind(ps, 1 + 5 * i);
            }
            Map<Place.Row, String> items = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.put(new Place.Row(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4), rs.getString(5)), rs.getString(6));
                }
            }
            return items;
        });
    }
}
