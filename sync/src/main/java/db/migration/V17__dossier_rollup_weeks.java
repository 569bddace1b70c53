package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.hailong.sync.rollup.DossierRollup;
import vn.hailong.sync.rollup.Place;

/**
 * Weekly dossier roll-up rows per officer and per procedure ('W', weeks cut at month ends: period_start the Monday,
 * or the 1st when the week began the month before), for the dossiers returned before {@link DossierRollup} kept
 * them. The dossiers report grouped by officer or procedure read the dossiers of every day of a partial month (up
 * to 30 at each end of the period; 693 ms p95 at a million dossiers on PostgreSQL, 199 ms with these rows:
 * PERFORMANCE.md); now it reads the whole weeks from these rows and at most six days at each end. Cut at month ends
 * so that a row lies in one agency-month, the unit {@link DossierRollup#refresh} deletes and recomputes. The days
 * are mapped to their week in a work table by {@link Place#cutWeekOf}, the code the refresh uses, so that each
 * dimension is one statement over the dossiers (a statement per month took 190 s at a
 * million dossiers on PostgreSQL: each month read the whole table).
 */
public class V17__dossier_rollup_weeks extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        backfill(context.getConnection());
    }

    /** Adds the weekly rows of every returned dossier on {@code c} (which has none yet), in the caller's transaction. */
    public static void backfill(Connection c) throws SQLException {
        LocalDate[] span = WeekTable.span(c, "dossier", "returned_date");
        if (span == null) {
            return;
        }
        WeekTable.create(c, "rollup_cut_week_of", span, Place::cutWeekOf);
        try (Statement st = c.createStatement()) {
            for (String[] dim : new String[][] {{"OFFICER", "COALESCE(d.officer_id, '')"}, {"PROCEDURE", "d.procedure_code"}}) {
                String key = "w.week_start, d.agency_code, " + dim[1];
                st.executeUpdate("INSERT INTO dossier_rollup SELECT '" + dim[0] + "', 'W', " + key + ", "
                        + DossierRollup.COUNTS + " FROM dossier d JOIN rollup_cut_week_of w ON w.local_date = d.returned_date "
                        + "LEFT JOIN rating f ON f.counted_dossier = d.code GROUP BY " + key + " ORDER BY " + key);
            }
            st.executeUpdate("DROP TABLE rollup_cut_week_of");
        }
        WeekTable.analyze(c, "dossier_rollup");
    }
}
