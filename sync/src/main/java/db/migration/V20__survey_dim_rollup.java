package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.rollup.Place;
import vn.hailong.sync.rollup.SurveyRollup;

/**
 * Counter-survey roll-ups per counter, officer and terminal ({@code survey_dim_rollup}), by month ('M', period_start
 * its first day) and week ('W', Monday to Sunday, period_start the Monday), items as in V12. The SIPAS report grouped
 * by one of these read every survey of the period: 1.2 s p95 for ten months of a province at 10 million events on
 * PostgreSQL, most of it moving the surveys' text to the server and parsing it (PERFORMANCE.md). Now the database
 * sums roll-up rows and the surveys are read only for the days around the period's whole weeks (at most six at each
 * end). No daily rows, and no procedure ({@link SurveyRollup#DIMENSIONS}): such rows would outnumber the surveys.
 *
 * <p>Then the surveys stored before are added, in Java as V13 does, in day order: a week's rows are written when
 * the surveys pass its Sunday, a month's when they pass its last day, so memory holds a month of rows. Progress is
 * logged (a million surveys take minutes). On H2 an index holds every column (as V16 for the other roll-ups); on
 * PostgreSQL the table is analysed at the end, so that the first reports are planned with its statistics.
 */
public class V20__survey_dim_rollup extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V20__survey_dim_rollup.class);
    /** Surveys between two progress lines. */
    private static final int PROGRESS = 100_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE survey_dim_rollup (dimension VARCHAR(16) NOT NULL, period_kind CHAR(1) NOT NULL, "
                    + "period_start DATE NOT NULL, agency_code VARCHAR(64) NOT NULL, dim_key VARCHAR(64) NOT NULL, "
                    + "item VARCHAR(80) NOT NULL, answers BIGINT NOT NULL, good BIGINT NOT NULL, "
                    + "CONSTRAINT pk_survey_dim_rollup PRIMARY KEY (dimension, period_kind, period_start, agency_code, "
                    + "dim_key, item))");
            if (Engine.isH2(c)) {
                st.execute("CREATE INDEX survey_dim_rollup_rows ON survey_dim_rollup (dimension, period_kind, "
                        + "period_start, agency_code, dim_key, item, answers, good)");
            }
        }
        backfill(c);
        if (Engine.isPostgres(c)) {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE survey_dim_rollup");
            }
        }
    }

    private static void backfill(Connection c) throws SQLException {
        TreeMap<SurveyRollup.DimRow, long[]> sums = new TreeMap<>();
        try (Statement st = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO survey_dim_rollup (dimension, period_kind, "
                     + "period_start, agency_code, dim_key, item, answers, good) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setFetchSize(10_000);
            if (Engine.isPostgres(c)) {
                // the server plans each statement anew (prepareThreshold=0): kept prepared, as StatementBatches does
                insert.unwrap(PGStatement.class).setPrepareThreshold(1);
            }
            long total = count(st);
            long done = 0;
            LOG.info("V20: adding {} stored surveys to the roll-ups per counter, officer and terminal", total);
            try (ResultSet rs = st.executeQuery("SELECT local_date, agency_code, counter_code, officer_id, "
                    + "procedure_code, terminal_id, answers, assessments, expectations FROM survey ORDER BY local_date")) {
                LocalDate day = null;
                while (rs.next()) {
                    LocalDate next = rs.getObject(1, LocalDate.class);
                    if (day != null && !day.equals(next)) {
                        write(insert, sums, next);
                    }
                    day = next;
                    SurveyRollup.addToDimensions(sums, new SurveyRollup.Survey(new Place(next, rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), rs.getString(7),
                            rs.getString(8), rs.getString(9)));
                    if (++done % PROGRESS == 0) {
                        LOG.info("V20: {} of {} surveys added to the roll-ups per counter, officer and terminal", done, total);
                    }
                }
            }
            write(insert, sums, LocalDate.MAX);
            LOG.info("V20: all {} surveys added to the roll-ups per counter, officer and terminal", done);
        }
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM survey")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Inserts the rows of the weeks and months that end before {@code next}, and takes them out of the map. */
    private static void write(PreparedStatement insert, TreeMap<SurveyRollup.DimRow, long[]> sums, LocalDate next)
            throws SQLException {
        int n = 0;
        for (Iterator<Map.Entry<SurveyRollup.DimRow, long[]>> it = sums.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SurveyRollup.DimRow, long[]> e = it.next();
            SurveyRollup.DimRow row = e.getKey();
            LocalDate end = row.kind().equals("W") ? row.start().plusDays(6)
                    : row.start().withDayOfMonth(row.start().lengthOfMonth());
            if (next != LocalDate.MAX && !end.isBefore(next)) {
                continue;
            }
            SurveyRollup.bind(insert, row, e.getValue());
            insert.addBatch();
            it.remove();
            if (++n % 5_000 == 0) {
                insert.executeBatch();
            }
        }
        insert.executeBatch();
    }
}
