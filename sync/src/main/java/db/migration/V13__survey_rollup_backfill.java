package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.hailong.sync.rollup.SurveyRollup;

/**
 * The survey roll-ups (V12) of the surveys stored before them. In Java, not SQL: a survey's answers are stored as
 * {@code K=V} lists whose keys come from the question bank, and {@link SurveyRollup} reads them as the report does.
 * The surveys are read in day order and each day's rows written when the day is done, so memory holds one day and
 * the months. Flyway finds Java migrations in this package by convention.
 */
public class V13__survey_rollup_backfill extends BaseJavaMigration {
    /** Sorts before every monthly row: the daily rows are the head of the map. */
    private static final SurveyRollup.Row FIRST_MONTHLY = new SurveyRollup.Row("M", LocalDate.MIN, "", "");

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Map<SurveyRollup.Row, long[]> sums = new TreeMap<>();
        try (Statement st = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO survey_rollup (period_kind, period_start, "
                     + "agency_code, item, answers, good) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery("SELECT local_date, agency_code, answers, assessments, expectations "
                    + "FROM survey ORDER BY local_date")) {
                LocalDate day = null;
                while (rs.next()) {
                    LocalDate next = rs.getObject(1, LocalDate.class);
                    if (day != null && !day.equals(next)) {
                        write(insert, ((TreeMap<SurveyRollup.Row, long[]>) sums).headMap(FIRST_MONTHLY));
                    }
                    day = next;
                    SurveyRollup.addTo(sums, new SurveyRollup.Survey(next, rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
            write(insert, sums);
        }
    }

    /** Inserts these rows and takes them out of the map. */
    private static void write(PreparedStatement insert, Map<SurveyRollup.Row, long[]> rows) throws SQLException {
        for (Map.Entry<SurveyRollup.Row, long[]> e : rows.entrySet()) {
            SurveyRollup.bind(insert, e.getKey(), e.getValue());
            insert.addBatch();
        }
        insert.executeBatch();
        rows.clear();
    }
}
