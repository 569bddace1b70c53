package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The counter surveys' roll-ups for the whole tree ({@code survey_tree_rollup}): V12's rows per day and month without
 * the agency, summed from those rows. SIPAS for every agency surveyed then (the whole selection, by day or by month)
 * summed the rows of 500 agencies: the province by day over a year, 0.33–0.40 s at 10 million events on PostgreSQL
 * (PERFORMANCE.md); these are a few dozen rows a day. Kept at ingest by {@code SurveyRollup}. The table is analysed at the end.
 */
public class V22__survey_tree_rollup extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE survey_tree_rollup (period_kind CHAR(1) NOT NULL, period_start DATE NOT NULL, "
                    + "item VARCHAR(80) NOT NULL, answers BIGINT NOT NULL, good BIGINT NOT NULL, "
                    + "CONSTRAINT pk_survey_tree_rollup PRIMARY KEY (period_kind, period_start, item))");
        }
        backfill(c);
        WeekTable.analyze(c, "survey_tree_rollup");
    }

    /** Adds the whole tree's rows from the rows per agency (public: SurveyRollupTest runs it again). */
    public static void backfill(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO survey_tree_rollup (period_kind, period_start, item, answers, good) "
                    + "SELECT period_kind, period_start, item, SUM(answers), SUM(good) FROM survey_rollup "
                    + "GROUP BY period_kind, period_start, item ORDER BY period_kind, period_start, item");
        }
    }
}
