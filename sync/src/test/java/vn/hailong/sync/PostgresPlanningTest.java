package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's PostgreSQL sessions run without JIT and parallel workers (PERFORMANCE.md: both cost the dashboard's
 * reports more than they saved), and plan each statement with the tables as they are; an H2 datasource gets none
 * of these driver properties.
 */
@MicronautTest(environments = "synctest", transactional = false)
class PostgresPlanningTest {
    @Inject
    ConnectionOperations<Connection> connections;
    @Inject
    @Named("default")
    DatasourceConfiguration datasource;

    @Value("${datasources.default.url}")
    String url;

    @Test
    void postgreSqlSessionsHaveNoJitNorParallelWorkers() {
        if (!url.startsWith("jdbc:postgresql:")) {
            // the H2 run of this suite: the listener leaves the datasource alone
            for (String property : List.of("options", "prepareThreshold", "reWriteBatchedInserts")) {
                assertFalse(datasource.getDataSourceProperties().containsKey(property), property);
            }
            return;
        }
        assertEquals(List.of("off", "0"), connections.executeRead(status -> List.of(
                show(status.getConnection(), "jit"), show(status.getConnection(), "max_parallel_workers_per_gather"))));
        assertEquals("0", datasource.getDataSourceProperties().get("prepareThreshold"));
    }

    private static String show(Connection c, String setting) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
