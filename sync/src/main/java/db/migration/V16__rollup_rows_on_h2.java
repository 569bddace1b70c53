package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: indexes holding every column of the satisfaction and survey roll-ups, so that a report reads their rows
 * from the index alone, in key order. H2 keeps a table whose key has several columns in insertion order apart from
 * its key index, so the rows of one dimension and month lie scattered among all the others, each fetched by a
 * look-up. Measured on ReportsAtScaleBenchmark's H2 database (H2 shell, page cache 256 MB, distinct selections):
 * the province's satisfaction rows by procedure over nine months (80,000 rows) 110-300 ms from the table, 60-160 ms
 * from the index; a year of daily survey rows (190,000) 160-490 ms, then 60-250 ms. PostgreSQL, which reads a table's
 * rows by index well, has none: such an index would cost it its in-place updates of the sums at ingest. The dossier
 * roll-up, whose report met its target without it, has none either.
 */
public class V16__rollup_rows_on_h2 extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!Engine.isH2(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX rating_rollup_rows ON rating_rollup (dimension, period_kind, period_start, "
                    + "agency_code, dim_key, satisfied, neutral, dissatisfied, re_ratings, reasons_access, "
                    + "reasons_procedure, reasons_officer, reasons_result, reasons_feedback)");
            st.execute("CREATE INDEX survey_rollup_rows ON survey_rollup (period_kind, period_start, agency_code, item, "
                    + "answers, good)");
        }
    }
}
