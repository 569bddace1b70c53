package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: an index by day and agency holding every column SIPAS reads of a survey when grouped by counter,
 * officer, procedure or terminal (those groupings read the surveys of the whole period, which lie scattered over the
 * table wherever they arrived), so that H2 reads them from the index alone, in date order (as V16 and V18).
 * PostgreSQL has none: a survey's assessments may be longer than a b-tree entry may hold (2,704 bytes), which would
 * fail the survey's batch at ingest.
 */
public class V19__survey_days_on_h2 extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!Engine.isH2(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ix_survey_days ON survey (local_date, agency_code, counter_code, officer_id, "
                    + "procedure_code, terminal_id, answers, assessments, expectations)");
        }
    }
}
