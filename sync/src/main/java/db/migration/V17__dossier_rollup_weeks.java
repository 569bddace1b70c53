package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * dimension is one statement over the dossiers (a statement per month, as the refresh runs them, took 190 s at a
 * million dossiers on PostgreSQL: each month read the whole table).
 */
public class V17__dossier_rollup_weeks extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        backfill(context.getConnection());
    }

    /** Adds the weekly rows of every returned dossier on {@code c} (which has none yet), in the caller's transaction. */
    public static void backfill(Connection c) throws SQLException {
        LocalDate first;
        LocalDate last;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(returned_date), MAX(returned_date) FROM dossier")) {
            rs.next();
            first = rs.getObject(1, LocalDate.class);
            last = rs.getObject(2, LocalDate.class);
        }
        if (first == null) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE rollup_cut_week_of (local_date DATE PRIMARY KEY, week_start DATE NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO rollup_cut_week_of VALUES (?, ?)")) {
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    insert.setObject(1, day);
                    insert.setObject(2, Place.cutWeekOf(day));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (String[] dim : new String[][] {{"OFFICER", "COALESCE(d.officer_id, '')"}, {"PROCEDURE", "d.procedure_code"}}) {
                String key = "w.week_start, d.agency_code, " + dim[1];
                st.executeUpdate("INSERT INTO dossier_rollup SELECT '" + dim[0] + "', 'W', " + key + ", "
                        + DossierRollup.COUNTS + " FROM dossier d JOIN rollup_cut_week_of w ON w.local_date = d.returned_date "
                        + "LEFT JOIN rating f ON f.counted_dossier = d.code GROUP BY " + key + " ORDER BY " + key);
            }
            st.executeUpdate("DROP TABLE rollup_cut_week_of");
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            st.execute(postgres ? "ANALYZE dossier_rollup" : "ANALYZE TABLE dossier_rollup");
        }
    }
}
