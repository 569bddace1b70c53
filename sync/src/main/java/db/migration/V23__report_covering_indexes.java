package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes that hold what the reports read, so that PostgreSQL answers those reads from the index alone instead of
 * fetching each row from wherever it lies in the table (as V18 did for a day's ratings). Measured on the
 * 10-million-event database of ReportsAtScaleBenchmark (PERFORMANCE.md, "a seventh load"):
 * <ul>
 * <li>the satisfaction roll-ups: ten months of the province by officer are 60,000 monthly rows on 18,481 table
 *     pages, 230–270 ms warm, 800 ms cold; from the index 956 pages, 23 ms warm, 133 ms cold; the six days around
 *     them 31,370 daily rows, 50–63 ms warm, from the index 502 pages. The primary key itself holds the sums
 *     ({@code INCLUDE}): one index, 914 MB → 1,416 MB there, rather than a second one beside it;</li>
 * <li>a few days' dossiers and the rating that counts for each, which the dossiers report reads around its whole
 *     weeks when grouped by officer or procedure: four to six days of the province 95–140 ms each, then the dossiers
 *     from the index (3 ms) and each one's rating class from the unique index on the counted dossier. That index
 *     stays the constraint the ingest relies on ({@code uq_rating_counted_dossier}); a rating's class never changes.
 *     The dossiers' index replaces the narrower one of V6, whose every use it serves with the same key; V11's index
 *     by agency first (a few agencies over a month, and the roll-ups' refresh of an agency's month) gets the same
 *     columns, or the planner, choosing it for a subtree, would fetch every dossier from the table again.</li>
 * </ul>
 * The sums now in an index, no update of a roll-up row stays on its page (HOT): each adds an entry to the key,
 * which vacuum (and the b-tree's own clean-up of versions) clears. IngestBenchmark on PostgreSQL: ingest within its
 * spread (PERFORMANCE.md).
 * An index-only scan also needs the table vacuumed ({@code AutovacuumCheck}). H2 has no {@code INCLUDE} and meets
 * the targets at its size without these: nothing changes there.
 */
public class V23__report_covering_indexes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!Engine.isPostgres(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE rating_rollup DROP CONSTRAINT pk_rating_rollup, ADD CONSTRAINT pk_rating_rollup "
                    + "PRIMARY KEY (dimension, period_kind, period_start, agency_code, dim_key) INCLUDE (satisfied, "
                    + "neutral, dissatisfied, re_ratings, reasons_access, reasons_procedure, reasons_officer, "
                    + "reasons_result, reasons_feedback)");
            st.execute("CREATE INDEX ix_dossier_returned ON dossier (returned_date, agency_code) INCLUDE (code, officer_id, "
                    + "procedure_code, due_date, due_at, returned_at, complaints)");
            st.execute("DROP INDEX ix_dossier_returned_date");
            st.execute("DROP INDEX ix_dossier_agency_returned");
            st.execute("CREATE INDEX ix_dossier_agency_returned ON dossier (agency_code, returned_date) INCLUDE (code, "
                    + "officer_id, procedure_code, due_date, due_at, returned_at, complaints)");
            st.execute("ALTER TABLE rating DROP CONSTRAINT uq_rating_counted_dossier, ADD CONSTRAINT "
                    + "uq_rating_counted_dossier UNIQUE (counted_dossier) INCLUDE (rating_class)");
        }
    }
}
