package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.hailong.sync.rollup.Place;
import vn.hailong.sync.rollup.RatingRollup;

/**
 * Weekly satisfaction roll-up rows ('W', period_start the Monday) per counter, officer, procedure and terminal, and
 * daily rows per counter, officer and terminal ({@link Place.Dimension#daily}), for the ratings stored before
 * {@code RatingRollup} kept them at ingest. A report grouped by one of these reads a partial month from these rows
 * instead of every rating of its days (the dashboard's weak-aspects page at 10 million ratings: PERFORMANCE.md).
 * Rows are inserted in key order, so that a period's rows share table pages as those written by the ingest day by
 * day do (in hash order, a few days' officer rows at 9 million ratings lay on 27,000 pages: 718 ms to read them).
 * The weeks are in Java because H2 and PostgreSQL share no function for "the Monday of a
 * date": the days between the first and last rating are mapped to their Monday in a work table, computed by
 * {@link Place#weekOf}, the same code the ingest uses, and the ratings are summed through it in one statement, by
 * the sums the satisfaction report itself reads from the ratings ({@link RatingRollup#SUMS_OF_RATINGS}).
 */
public class V15__rating_rollup_weeks_and_days extends BaseJavaMigration {
    private static final String DIM_KEY = """
            CASE d.dimension WHEN 'COUNTER' THEN COALESCE(r.counter_code, '')
                 WHEN 'OFFICER' THEN COALESCE(r.officer_id, '') WHEN 'PROCEDURE' THEN COALESCE(r.procedure_code, '')
                 ELSE r.terminal_id END AS dim_key,
            """;
    private static final String WEEKS = insert("'W'", "w.week_start", "JOIN rollup_week_of w ON w.local_date = r.local_date",
            List.of("COUNTER", "OFFICER", "PROCEDURE", "TERMINAL"));
    private static final String DAYS = insert("'D'", "r.local_date", "", List.of("COUNTER", "OFFICER", "TERMINAL"));

    /** Rows of one period kind in these dimensions, summed from the ratings and inserted in key order. */
    private static String insert(String kind, String period, String join, List<String> dimensions) {
        String dims = String.join(" UNION ALL ", dimensions.stream().map(d -> "SELECT '" + d + "' AS dimension").toList());
        return "INSERT INTO rating_rollup SELECT dimension, " + kind + ", period_start, agency_code, dim_key, "
                + RatingRollup.SUMS_OF_RATINGS
                + " FROM (SELECT d.dimension, " + period + " AS period_start, r.agency_code, " + DIM_KEY
                + " r.counted, r.rating_class, r.reasons FROM rating r " + join + " CROSS JOIN (" + dims + ") d) x"
                + " GROUP BY dimension, period_start, agency_code, dim_key"
                + " ORDER BY dimension, period_start, agency_code, dim_key";
    }

    @Override
    public void migrate(Context context) throws Exception {
        backfill(context.getConnection());
    }

    /** Adds the weekly and daily rows of every rating on {@code c} (which has none yet), in the caller's transaction. */
    public static void backfill(Connection c) throws Exception {
        LocalDate[] span = WeekTable.span(c, "rating", "local_date");
        if (span == null) {
            return;
        }
        WeekTable.create(c, "rollup_week_of", span, Place::weekOf);
        try (Statement st = c.createStatement()) {
            st.executeUpdate(WEEKS);
            st.executeUpdate("DROP TABLE rollup_week_of");
            st.executeUpdate(DAYS);
        }
        WeekTable.analyze(c, "rating_rollup");
    }
}
