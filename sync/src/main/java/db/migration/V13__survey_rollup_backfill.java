package db.migration;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Flyway finds Java migrations in this package by convention.
 */
public class V13__survey_rollup_backfill extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Map<SurveyRollup.Row, long[]> sums = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery(
                    "SELECT local_month, agency_code, answers, assessments, expectations FROM survey")) {
                while (rs.next()) {
                    SurveyRollup.addTo(sums, new SurveyRollup.Survey(LocalDate.parse(rs.getString(1).trim() + "-01"),
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO survey_rollup (period_start, agency_code, item, answers, good) VALUES (?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Map.Entry<SurveyRollup.Row, long[]> e : sums.entrySet()) {
                ps.setDate(1, Date.valueOf(e.getKey().month()));
                ps.setString(2, e.getKey().agencyCode());
                ps.setString(3, e.getKey().item());
                ps.setLong(4, e.getValue()[0]);
                ps.setLong(5, e.getValue()[1]);
                ps.addBatch();
                if (++n % 5_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
