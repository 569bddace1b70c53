package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On H2 a report reads the satisfaction and survey roll-ups from indexes holding all their columns (V16, which says
 * what they saved); PostgreSQL reads the satisfaction roll-ups, and a few days' dossiers with their
 * counted ratings, from indexes holding what those reads need (V23). That the figures read this way are right is the
 * work of RollupConsistencyTest, SurveyRollupTest and DossierRollupTest.
 */
@MicronautTest(environments = "synctest", transactional = false)
class RollupIndexTest {
    private static final List<String> SURVEY_COLUMNS = List.of("PERIOD_KIND", "PERIOD_START", "AGENCY_CODE", "ITEM",
            "ANSWERS", "GOOD");
    private static final List<String> ALL_COLUMNS = List.of("DIMENSION", "PERIOD_KIND", "PERIOD_START", "AGENCY_CODE",
            "DIM_KEY", "SATISFIED", "NEUTRAL", "DISSATISFIED", "RE_RATINGS", "REASONS_ACCESS", "REASONS_PROCEDURE",
            "REASONS_OFFICER", "REASONS_RESULT", "REASONS_FEEDBACK");

    @Inject
    ConnectionOperations<Connection> connections;

    @Value("${datasources.default.url}")
    String url;

    @Test
    void h2ReadsTheRollupsFromTheirFullIndexesAndPostgreSqlHasNone() {
        List<String> columns = connections.executeRead(status -> indexColumns(status.getConnection(), "rating_rollup",
                "rating_rollup_rows"));
        List<String> surveyColumns = connections.executeRead(status -> indexColumns(status.getConnection(),
                "survey_rollup", "survey_rollup_rows"));
        if (!url.startsWith("jdbc:h2:")) {
            assertEquals(List.of(), columns, "the PostgreSQL run of this suite (install/test.sh): no such index");
            assertEquals(List.of(), surveyColumns);
            return;
        }
        assertEquals(ALL_COLUMNS, columns, "every column, the key's first and in its order");
        assertEquals(SURVEY_COLUMNS, surveyColumns, "every column, the key's first and in its order");
        // roll-ups with rows in them (H2 plans an empty table's look-up by an agency list through the key)
        connections.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                return s.executeUpdate("INSERT INTO rating_rollup SELECT d.dimension, 'M', DATE '2025-01-01' + "
                        + "((X % 24) * 30), 'IDX-A' || (X % 50), 'IDX-K' || (X % 97), 1, 0, 0, 0, 0, 0, 0, 0, 0 "
                        + "FROM SYSTEM_RANGE(1, 3000) CROSS JOIN (VALUES 'PROCEDURE', 'OFFICER', 'TERMINAL', 'COUNTER') "
                        + "d(dimension)")
                        + s.executeUpdate("INSERT INTO survey_rollup SELECT 'D', DATE '2025-01-01' + (X % 700), "
                        + "'IDX-A' || (X / 700), 'E:' || (X % 7), 2, 1 FROM SYSTEM_RANGE(1, 12000)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String plan = connections.executeRead(status -> explain(status.getConnection(),
                "SELECT dim_key, SUM(satisfied), SUM(reasons_feedback) FROM rating_rollup WHERE dimension = 'PROCEDURE' "
                        + "AND period_kind = 'M' AND period_start BETWEEN DATE '2025-02-01' AND DATE '2025-10-01' "
                        + "AND agency_code IN ('IDX-A1', 'IDX-A2') GROUP BY dim_key"));
        assertTrue(plan.contains("RATING_ROLLUP_ROWS"), plan);
        String surveyPlan = connections.executeRead(status -> explain(status.getConnection(),
                "SELECT period_start, item, SUM(answers), SUM(good) FROM survey_rollup WHERE period_kind = 'D' "
                        + "AND period_start BETWEEN DATE '2025-02-01' AND DATE '2025-10-01' AND agency_code IN ('IDX-A1', 'IDX-A2') "
                        + "GROUP BY period_start, item"));
        assertTrue(surveyPlan.contains("SURVEY_ROLLUP_ROWS"), surveyPlan);
    }

    /**
     * A satisfaction report by procedure reads the days around its whole weeks from the ratings, and from V18's index
     * alone: on PostgreSQL an index-only scan ({@link #postgreSqlPlan}), on H2 the index whose key holds every column
     * the query reads.
     */
    @Test
    void theRatingsOfDaysAreSummedByProcedureFromTheirIndexAlone() {
        String query = "SELECT procedure_code, " + vn.hailong.sync.rollup.RatingRollup.SUMS_OF_RATINGS + " FROM rating "
                + "WHERE local_date BETWEEN DATE '2025-03-03' AND DATE '2025-03-07' AND agency_code IN ('IDX-A1', 'IDX-A2') "
                + "GROUP BY procedure_code";
        assertEquals(List.of(), connections.executeRead(status -> indexColumns(status.getConnection(), "rating",
                "ix_rating_date_agency")), "V7's narrower index is gone");
        if (!url.startsWith("jdbc:h2:")) {
            String plan = postgreSqlPlan(query);
            assertTrue(plan.contains("Index Only Scan using ix_rating_days"), plan);
            return;
        }
        assertEquals(List.of("LOCAL_DATE", "AGENCY_CODE", "PROCEDURE_CODE", "COUNTED", "RATING_CLASS", "REASONS"),
                connections.executeRead(status -> indexColumns(status.getConnection(), "rating", "ix_rating_days")));
        connections.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.executeUpdate("INSERT INTO sync_event (event_id, terminal_id, seq, event_type, status, content_hash, "
                        + "received_at) SELECT 'IDX-E' || X, 'IDX-T', X, 'rating', 'STORED', 'h', CURRENT_TIMESTAMP "
                        + "FROM SYSTEM_RANGE(1, 3000)");
                return s.executeUpdate("INSERT INTO rating (event_id, terminal_id, seq, at_instant, local_date, local_month, "
                        + "agency_code, counter_code, officer_id, procedure_code, scale, rating_value, rating_class, channel, "
                        + "counted) SELECT 'IDX-E' || X, 'IDX-T', X, CURRENT_TIMESTAMP, DATE '2025-01-01' + (X % 300), "
                        + "'2025-01', 'IDX-A' || (X % 50), '1', 'cb', 'P' || (X % 40), 4, 4, 'SATISFIED', 'BUTTON', TRUE "
                        + "FROM SYSTEM_RANGE(1, 3000)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String plan = connections.executeRead(status -> explain(status.getConnection(), query));
        assertTrue(plan.contains("IX_RATING_DAYS"), plan);
    }

    /**
     * On H2, SIPAS grouped by counter, officer, procedure or terminal reads the surveys of its period from V19's index
     * alone; PostgreSQL has none (a survey's assessments may outgrow a b-tree entry).
     */
    @Test
    void h2ReadsTheSurveysOfAPeriodFromTheirIndex() {
        List<String> columns = connections.executeRead(status -> indexColumns(status.getConnection(), "survey",
                "ix_survey_days"));
        if (!url.startsWith("jdbc:h2:")) {
            assertEquals(List.of(), columns, "the PostgreSQL run of this suite: no such index");
            return;
        }
        assertEquals(List.of("LOCAL_DATE", "AGENCY_CODE", "COUNTER_CODE", "OFFICER_ID", "PROCEDURE_CODE", "TERMINAL_ID",
                "ANSWERS", "ASSESSMENTS", "EXPECTATIONS"), columns);
        connections.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.executeUpdate("INSERT INTO sync_event (event_id, terminal_id, seq, event_type, status, content_hash, "
                        + "received_at) SELECT 'IDX-S' || X, 'IDX-T', 10000 + X, 'survey', 'STORED', 'h', CURRENT_TIMESTAMP "
                        + "FROM SYSTEM_RANGE(1, 3000)");
                return s.executeUpdate("INSERT INTO survey (event_id, terminal_id, seq, at_instant, local_date, local_month, "
                        + "agency_code, counter_code, officer_id, procedure_code, answers, assessments, expectations) "
                        + "SELECT 'IDX-S' || X, 'IDX-T', 10000 + X, CURRENT_TIMESTAMP, DATE '2025-01-01' + (X % 300), "
                        + "'2025-01', 'IDX-A' || (X % 50), '1', 'cb', 'P' || (X % 40), 'ACCESS=4', 'FEES_POSTED=true', "
                        // the longest lists a survey may hold still fit the index's key
                        + "CASE WHEN X = 1 THEN REPEAT('W', 400) END FROM SYSTEM_RANGE(1, 3000)")
                        + s.executeUpdate("UPDATE survey SET answers = REPEAT('A', 200), assessments = REPEAT('B', 4000) "
                        + "WHERE event_id = 'IDX-S1'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String plan = connections.executeRead(status -> explain(status.getConnection(), "SELECT terminal_id, answers, "
                + "assessments, expectations FROM survey WHERE local_date BETWEEN DATE '2025-03-03' AND DATE '2025-06-07' "
                + "AND agency_code IN ('IDX-A1', 'IDX-A2')"));
        assertTrue(plan.contains("IX_SURVEY_DAYS"), plan);
    }

    /**
     * On PostgreSQL, satisfaction's roll-up rows, and the dossiers of the days around whole weeks
     * with the class of each one's counted rating, are read from V23's indexes alone, and an agency's surveys are found
     * by V24's. H2 keeps V6's index by returned date and has none of these.
     */
    @Test
    void postgreSqlReadsTheRollupsAndTheDossiersOfDaysFromTheirIndexesAlone() {
        List<String> dossiers = connections.executeRead(status -> indexColumns(status.getConnection(), "dossier",
                "ix_dossier_returned"));
        List<String> narrow = connections.executeRead(status -> indexColumns(status.getConnection(), "dossier",
                "ix_dossier_returned_date"));
        if (url.startsWith("jdbc:h2:")) {
            assertEquals(List.of(), dossiers);
            assertEquals(List.of("RETURNED_DATE"), narrow);
            assertEquals(List.of(), connections.executeRead(status -> indexColumns(status.getConnection(), "survey",
                    "ix_survey_agency_days")));
            return;
        }
        assertEquals(List.of(), narrow, "V6's narrower index is gone");
        String monthsPlan = postgreSqlPlan("SELECT dim_key, SUM(satisfied), SUM(reasons_feedback) FROM rating_rollup "
                + "WHERE dimension = 'OFFICER' AND period_kind = 'M' AND period_start BETWEEN DATE '2025-02-01' AND "
                + "DATE '2025-10-01' AND agency_code IN ('IDX-A1', 'IDX-A2') GROUP BY dim_key");
        assertTrue(monthsPlan.contains("Index Only Scan using pk_rating_rollup"), monthsPlan);
        String daysOfOfficersPlan = postgreSqlPlan("SELECT dim_key, SUM(satisfied), SUM(reasons_feedback) FROM "
                + "rating_rollup WHERE dimension = 'OFFICER' AND period_kind = 'D' AND period_start BETWEEN "
                + "DATE '2025-02-23' AND DATE '2025-02-28' GROUP BY dim_key");
        assertTrue(daysOfOfficersPlan.contains("Index Only Scan using pk_rating_rollup"), daysOfOfficersPlan);
        String daysPlan = postgreSqlPlan("SELECT d.officer_id, " + vn.hailong.sync.rollup.DossierRollup.COUNTS
                + " FROM dossier d LEFT JOIN rating f ON f.counted_dossier = d.code WHERE d.returned_date BETWEEN "
                + "DATE '2025-03-03' AND DATE '2025-03-07' AND d.agency_code IN ('IDX-A1', 'IDX-A2') GROUP BY d.officer_id");
        // by day or by agency first, as the planner finds cheaper for these agencies: from the index alone either way
        assertTrue(daysPlan.matches("(?s).*Index Only Scan using ix_dossier_(returned|agency_returned) on dossier.*"),
                daysPlan);
        assertTrue(daysPlan.contains("Index Only Scan using uq_rating_counted_dossier"), daysPlan);
        // V24: a leaf agency's surveys of a period, found by agency first
        String surveysPlan = postgreSqlPlan("SELECT procedure_code, answers FROM survey WHERE local_date BETWEEN "
                + "DATE '2025-03-03' AND DATE '2026-03-02' AND agency_code IN ('IDX-A1')");
        assertTrue(surveysPlan.contains("ix_survey_agency_days"), surveysPlan);
    }

    /**
     * PostgreSQL's plan with table scans switched off for the session, so the plan shows which index scan the columns
     * allow: a plain index scan would mean a column the index lacks.
     */
    private String postgreSqlPlan(String query) {
        return connections.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("SET enable_seqscan = off");
                s.execute("SET enable_bitmapscan = off");
                try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
                    StringBuilder lines = new StringBuilder();
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                    return lines.toString();
                } finally {
                    // the pooled connection goes back to other tests
                    s.execute("RESET enable_seqscan");
                    s.execute("RESET enable_bitmapscan");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<String> indexColumns(Connection c, String table, String index) {
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, url.startsWith("jdbc:h2:")
                ? table.toUpperCase(java.util.Locale.ROOT) : table, false, false)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    columns.add(rs.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT));
                }
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String explain(Connection c, String query) {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + query); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
