package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.hailong.sync.rollup.Place;

/**
 * The satisfaction roll-up rows per procedure for the whole tree ({@link Place#PROCEDURE_TREE}, agency ''), monthly
 * and weekly, summed from the rows per agency and procedure that exist: the report by procedure for every agency
 * read 216,000 rows for ten months at 10 million ratings (PERFORMANCE.md). Inserted in key order; the table is
 * analysed at the end.
 */
public class V21__rating_rollup_procedure_tree extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        backfill(c);
        WeekTable.analyze(c, "rating_rollup");
    }

    /** Adds the whole tree's procedure rows from the rows per agency (public: RollupConsistencyTest runs it again). */
    public static void backfill(Connection c) throws Exception {
        String sums = "satisfied, neutral, dissatisfied, re_ratings, reasons_access, reasons_procedure, reasons_officer, "
                + "reasons_result, reasons_feedback";
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO rating_rollup (dimension, period_kind, period_start, agency_code, dim_key, "
                    + sums + ") SELECT '" + Place.PROCEDURE_TREE + "', period_kind, period_start, '', dim_key, "
                    + "SUM(satisfied), SUM(neutral), SUM(dissatisfied), SUM(re_ratings), SUM(reasons_access), "
                    + "SUM(reasons_procedure), SUM(reasons_officer), SUM(reasons_result), SUM(reasons_feedback) "
                    + "FROM rating_rollup WHERE dimension = 'PROCEDURE' AND period_kind IN ('M', 'W') "
                    + "GROUP BY period_kind, period_start, dim_key ORDER BY period_kind, period_start, dim_key");
        }
    }
}
