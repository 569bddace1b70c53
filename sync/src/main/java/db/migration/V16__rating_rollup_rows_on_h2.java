package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: an index holding every column of {@code rating_rollup}, so that a report reads its rows from the index
 * alone, in key order. H2 keeps a table whose key has several columns in insertion order apart from its key index,
 * so the rows of one dimension and month lie scattered among those of every other, each fetched by a look-up: a
 * province's rows by procedure over nine months (80,000 rows in ReportsAtScaleBenchmark) took 110-300 ms warm, and
 * up to a second when their pages were not cached; from this index 60-160 ms (PERFORMANCE.md). PostgreSQL, which
 * reads a table's rows by index well and would lose its in-place updates of the sums to such an index, has none.
 */
public class V16__rating_rollup_rows_on_h2 extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2")) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX rating_rollup_rows ON rating_rollup (dimension, period_kind, period_start, "
                    + "agency_code, dim_key, satisfied, neutral, dissatisfied, re_ratings, reasons_access, "
                    + "reasons_procedure, reasons_officer, reasons_result, reasons_feedback)");
        }
    }
}
