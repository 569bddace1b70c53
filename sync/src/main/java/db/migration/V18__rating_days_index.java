package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The index by day and agency also holds what the satisfaction report sums of a day's ratings by procedure, so that
 * it reads those days from the index alone, in date order, instead of fetching each rating from the table. The
 * procedure dimension keeps no daily roll-up rows (an agency's procedures a day are about as many as its ratings),
 * so a report grouped by procedure reads up to six days at each end of its whole weeks from the ratings; the ratings
 * of a day lie scattered over the table wherever they arrived in a backlog. Measured on the 10-million-event
 * PostgreSQL database of ReportsAtScaleBenchmark (vacuumed, cold): five days of the province, 61,477 ratings on
 * 16,709 table pages, 830 ms from the table, 33 ms from this index (PERFORMANCE.md). It replaces the narrower index
 * of V7, whose every use it serves with the same key; the index grows from 88 to 503 MB at 9 million ratings, built
 * in 12 s there.
 *
 * <p>PostgreSQL reads the extra columns from an {@code INCLUDE} list (an index-only scan also needs the table
 * vacuumed: {@code AutovacuumCheck}); H2, which has none, from key columns (as V16).
 */
public class V18__rating_days_index extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean h2 = Engine.isH2(c);
        try (Statement st = c.createStatement()) {
            st.execute(h2
                    ? "CREATE INDEX ix_rating_days ON rating (local_date, agency_code, procedure_code, counted, rating_class, reasons)"
                    : "CREATE INDEX ix_rating_days ON rating (local_date, agency_code) INCLUDE (procedure_code, counted, "
                            + "rating_class, reasons)");
            st.execute("DROP INDEX ix_rating_date_agency");
        }
    }
}
