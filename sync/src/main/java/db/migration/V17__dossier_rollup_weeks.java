package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.hailong.sync.rollup.DossierRollup;

/**
 * Weekly dossier roll-up rows per officer and per procedure ('W', weeks cut at month ends: period_start the Monday,
 * or the 1st when the week began the month before), for the dossiers returned before {@link DossierRollup} kept
 * them. The dossiers report grouped by officer or procedure read the dossiers of every day of a partial month (up
 * to 30 at each end of the period; 855 ms p95 at a million dossiers on PostgreSQL: PERFORMANCE.md); now it reads
 * the whole weeks from these rows and at most six days at each end. Cut at month ends so that a row lies in one
 * agency-month, the unit {@link DossierRollup#refresh} deletes and recomputes. One month at a time, by the
 * statements the refresh runs ({@link DossierRollup#weeks}).
 */
public class V17__dossier_rollup_weeks extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        backfill(context.getConnection());
    }

    /** Adds the weekly rows of every returned dossier on {@code c} (which has none yet), in the caller's transaction. */
    public static void backfill(Connection c) throws SQLException {
        String first;
        String last;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(returned_month), MAX(returned_month) FROM dossier")) {
            rs.next();
            first = rs.getString(1);
            last = rs.getString(2);
        }
        if (first == null) {
            return;
        }
        try (Statement st = c.createStatement()) {
            for (YearMonth m = YearMonth.parse(first); !m.isAfter(YearMonth.parse(last)); m = m.plusMonths(1)) {
                String source = " FROM dossier d LEFT JOIN rating f ON f.counted_dossier = d.code "
                        + "WHERE d.returned_date BETWEEN DATE '" + m.atDay(1) + "' AND DATE '" + m.atEndOfMonth() + "'";
                for (String statement : DossierRollup.weeks(m, source)) {
                    st.executeUpdate(statement);
                }
            }
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            st.execute(postgres ? "ANALYZE dossier_rollup" : "ANALYZE TABLE dossier_rollup");
        }
    }
}
