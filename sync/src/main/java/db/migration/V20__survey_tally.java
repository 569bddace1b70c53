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
import vn.hailong.sync.rollup.SurveyTally;

/**
 * The counter surveys' tallies per counter, officer, procedure and terminal, month and week ({@code survey_tally},
 * {@link SurveyTally}): the SIPAS report grouped by one of these read every survey of the period, 0.5 s and more for
 * ten months of a province at 10 million events on PostgreSQL (PERFORMANCE.md).
 *
 * <p>Then the surveys stored before are added, in day order: a week's rows are written when the surveys pass its
 * Sunday, a month's when they pass its last day, so memory holds a month of rows. Progress is logged (a million
 * surveys take a minute or more). The table is analysed at the end, so that the first reports are
 * planned with its statistics.
 */
public class V20__survey_tally extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V20__survey_tally.class);
    /** Surveys between two progress lines. */
    private static final int PROGRESS = 100_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE survey_tally (dimension VARCHAR(16) NOT NULL, period_kind CHAR(1) NOT NULL, "
                    + "period_start DATE NOT NULL, agency_code VARCHAR(64) NOT NULL, dim_key VARCHAR(64) NOT NULL, "
                    + "items VARCHAR(1000000) NOT NULL, CONSTRAINT pk_survey_tally PRIMARY KEY (dimension, period_kind, "
                    + "period_start, agency_code, dim_key))");
        }
        backfill(c);
        WeekTable.analyze(c, "survey_tally");
    }

    /** Adds every stored survey to the tallies (public: SurveyRollupTest runs it again on an emptied table). */
    public static void backfill(Connection c) throws SQLException {
        TreeMap<Place.Row, Map<String, long[]>> sums = new TreeMap<>();
        try (Statement st = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO survey_tally (dimension, period_kind, "
                     + "period_start, agency_code, dim_key, items) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setFetchSize(10_000);
            if (Engine.isPostgres(c)) {
                // the server plans each statement anew (prepareThreshold=0): kept prepared, as StatementBatches does
                insert.unwrap(PGStatement.class).setPrepareThreshold(1);
            }
            long total = count(st);
            long done = 0;
            LOG.info("V20: adding {} stored surveys to the tallies per counter, officer, procedure and terminal", total);
            try (ResultSet rs = st.executeQuery("SELECT local_date, agency_code, counter_code, officer_id, "
                    + "procedure_code, terminal_id, answers, assessments, expectations FROM survey ORDER BY local_date")) {
                LocalDate day = null;
                while (rs.next()) {
                    LocalDate next = rs.getObject(1, LocalDate.class);
                    if (day != null && !day.equals(next)) {
                        write(insert, sums, next);
                    }
                    day = next;
                    SurveyTally.addTo(sums, new SurveyTally.Survey(new Place(next, rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)), rs.getString(7), rs.getString(8),
                            rs.getString(9)));
                    if (++done % PROGRESS == 0) {
                        LOG.info("V20: {} of {} surveys added to the tallies", done, total);
                    }
                }
            }
            write(insert, sums, LocalDate.MAX);
            LOG.info("V20: all {} surveys added to the tallies per counter, officer, procedure and terminal", done);
        }
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM survey")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Inserts the rows of the weeks and months that end before {@code next}, and takes them out of the map. */
    private static void write(PreparedStatement insert, TreeMap<Place.Row, Map<String, long[]>> sums,
                              LocalDate next) throws SQLException {
        int n = 0;
        for (Iterator<Map.Entry<Place.Row, Map<String, long[]>>> it = sums.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Place.Row, Map<String, long[]>> e = it.next();
            Place.Row row = e.getKey();
            if (!row.end().isBefore(next)) {
                continue;
            }
            row.bind(insert, 1);
            insert.setString(6, SurveyTally.encode(e.getValue()));
            insert.addBatch();
            it.remove();
            if (++n % 5_000 == 0) {
                insert.executeBatch();
            }
        }
        insert.executeBatch();
    }
}
