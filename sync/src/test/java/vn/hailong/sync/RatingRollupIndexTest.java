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
 * On H2 a report reads the satisfaction roll-up from the index holding all its columns (V16; PERFORMANCE.md: the
 * province's monthly rows by procedure 110-300 ms from the table, 60-160 ms from the index); PostgreSQL has no
 * such index, so its updates of the sums stay in place. That the figures read this way are right is
 * RollupConsistencyTest's work.
 */
@MicronautTest(environments = "synctest", transactional = false)
class RatingRollupIndexTest {
    private static final List<String> ALL_COLUMNS = List.of("DIMENSION", "PERIOD_KIND", "PERIOD_START", "AGENCY_CODE",
            "DIM_KEY", "SATISFIED", "NEUTRAL", "DISSATISFIED", "RE_RATINGS", "REASONS_ACCESS", "REASONS_PROCEDURE",
            "REASONS_OFFICER", "REASONS_RESULT", "REASONS_FEEDBACK");

    @Inject
    ConnectionOperations<Connection> connections;

    @Value("${datasources.default.url}")
    String url;

    @Test
    void h2ReadsTheRollupFromItsFullIndexAndPostgreSqlHasNone() {
        List<String> columns = connections.executeRead(status -> indexColumns(status.getConnection()));
        if (!url.startsWith("jdbc:h2:")) {
            assertEquals(List.of(), columns, "the PostgreSQL run of this suite (install/test.sh): no such index");
            return;
        }
        assertEquals(ALL_COLUMNS, columns, "every column, the key's first and in its order");
        // a roll-up with rows in it (H2 plans an empty table's look-up by an agency list through the key)
        connections.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                return s.executeUpdate("INSERT INTO rating_rollup SELECT d.dimension, 'M', DATE '2025-01-01' + "
                        + "((X % 24) * 30), 'IDX-A' || (X % 50), 'IDX-K' || (X % 97), 1, 0, 0, 0, 0, 0, 0, 0, 0 "
                        + "FROM SYSTEM_RANGE(1, 3000) CROSS JOIN (VALUES 'PROCEDURE', 'OFFICER', 'TERMINAL', 'COUNTER') "
                        + "d(dimension)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String plan = connections.executeRead(status -> explain(status.getConnection(),
                "SELECT dim_key, SUM(satisfied), SUM(reasons_feedback) FROM rating_rollup WHERE dimension = 'PROCEDURE' "
                        + "AND period_kind = 'M' AND period_start BETWEEN DATE '2025-02-01' AND DATE '2025-10-01' "
                        + "AND agency_code IN ('IDX-A1', 'IDX-A2') GROUP BY dim_key"));
        assertTrue(plan.contains("RATING_ROLLUP_ROWS"), plan);
    }

    private static List<String> indexColumns(Connection c) {
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, url(c).startsWith("jdbc:h2:") ? "RATING_ROLLUP"
                : "rating_rollup", false, false)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                if ("RATING_ROLLUP_ROWS".equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    columns.add(rs.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT));
                }
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(Connection c) throws SQLException {
        return c.getMetaData().getURL();
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
