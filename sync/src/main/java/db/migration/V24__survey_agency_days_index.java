package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The surveys of one agency (or a few) over a period, by agency first. SIPAS reads a subtree's surveys when the
 * roll-ups cannot answer it (by procedure for a subtree whose months hold other agencies' surveys; the days around
 * whole weeks), and PostgreSQL had only the index by day: a leaf agency over a year walked the whole province's
 * 500,000 surveys of that year to keep its 915. Measured on the 10-million-event database of ReportsAtScaleBenchmark:
 * 197–199 ms, 30–37 ms with this index (PERFORMANCE.md, "a seventh load"). One more index entry per survey at ingest
 * (one event in ten). H2 reads a period's surveys from V19's index holding every column, and is left as it is.
 */
public class V24__survey_agency_days_index extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!Engine.isPostgres(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ix_survey_agency_days ON survey (agency_code, local_date)");
        }
    }
}
