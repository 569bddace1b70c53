package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * What the server sets on its datasource, on each engine: the H2 page cache is half the heap (H2's own
 * default is 16 MB whatever the heap); PostgreSQL sessions run without JIT and parallel workers (PERFORMANCE.md:
 * both cost the dashboard's reports more than they saved) and plan each statement with the tables as they are.
 */
@MicronautTest(environments = "synctest", transactional = false)
class DatasourceSettingsTest {
    @Inject
    ConnectionOperations<Connection> connections;
    @Inject
    @Named("default")
    DatasourceConfiguration datasource;

    @Inject
    AutovacuumCheck autovacuum;
    @Inject
    StatementBatches batches;
    @Inject
    io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;
    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> transactions;

    @Value("${datasources.default.url}")
    String url;

    /**
     * The start-up warning's two questions, on PostgreSQL (this machine's server runs with autovacuum off, a fresh
     * Debian one with it on: the server-wide answer is compared with the setting itself, the per-table one is made
     * to change).
     */
    @Test
    void theServerTellsWhichGrowingTablesPostgreSqlWillNotVacuum() throws Exception {
        if (!url.startsWith("jdbc:postgresql:")) {
            return;   // H2 needs no vacuum; AutovacuumCheck asks nothing there
        }
        try (Connection c = java.sql.DriverManager.getConnection(datasource.getUrl(), datasource.getUsername(),
                datasource.getPassword()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW autovacuum")) {
                rs.next();
                assertEquals(!rs.getString(1).equals("on"), autovacuum.serverOff());
            }
            assertEquals(List.of(), autovacuum.tablesSwitchedOff());
            s.execute("ALTER TABLE apology_finding SET (autovacuum_enabled = off)");
            s.execute("ALTER TABLE rating SET (autovacuum_enabled = true, fillfactor = 100)");
            try {
                assertEquals(List.of("apology_finding"), autovacuum.tablesSwitchedOff());
            } finally {
                s.execute("ALTER TABLE apology_finding RESET (autovacuum_enabled)");
                s.execute("ALTER TABLE rating RESET (autovacuum_enabled, fillfactor)");
            }
            assertEquals(List.of(), autovacuum.tablesSwitchedOff());
        }
    }

    @Test
    void theCacheIsHalfTheHeapOnH2AndAPostgreSqlUrlIsLeftAlone() {
        if (!url.startsWith("jdbc:h2:")) {
            // the PostgreSQL run of this suite (install/test.sh)
            assertFalse(datasource.getUrl().toUpperCase(java.util.Locale.ROOT).contains("CACHE_SIZE"), datasource.getUrl());
            return;
        }
        assertTrue(datasource.getUrl().contains(";CACHE_SIZE="), datasource.getUrl());
        long megabytes = connections.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                         + "WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
                rs.next();
                return Long.parseLong(rs.getString(1));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(H2Settings.cacheKb(Runtime.getRuntime().maxMemory()) / 1024, megabytes, "info.CACHE_MAX_SIZE is in MB");
    }

    /**
     * A row another transaction holds is waited for past H2's default 2 s: on this VM a terminal's batch waited
     * longer than that behind another's, and failed (H2Settings).
     */
    @Test
    void h2SessionsWaitLongerThanH2sDefaultForALockedRow() throws Exception {
        if (!url.startsWith("jdbc:h2:")) {
            assertFalse(datasource.getUrl().toUpperCase(java.util.Locale.ROOT).contains("LOCK_TIMEOUT"), datasource.getUrl());
            return;
        }
        String lockRow = "UPDATE rollup_lock SET name = name WHERE name = 'dossier'";
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection holder = java.sql.DriverManager.getConnection(datasource.getUrl(), datasource.getUsername(),
                datasource.getPassword());
             Connection waiter = java.sql.DriverManager.getConnection(datasource.getUrl(), datasource.getUsername(),
                     datasource.getPassword())) {
            holder.setAutoCommit(false);
            waiter.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                assertEquals(1, s.executeUpdate(lockRow));
            }
            java.util.concurrent.Future<Integer> waiting = other.submit(() -> {
                try (Statement s = waiter.createStatement()) {
                    int n = s.executeUpdate(lockRow);
                    waiter.commit();
                    return n;
                }
            });
            // still waiting after 2.5 s (with H2's own 2 s it has failed by then), then it gets the row
            assertThrows(java.util.concurrent.TimeoutException.class,
                    () -> waiting.get(2_500, java.util.concurrent.TimeUnit.MILLISECONDS));
            holder.commit();
            assertEquals(1, waiting.get(H2Settings.LOCK_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void postgreSqlSessionsHaveNoJitNorParallelWorkersAndH2GetsNoDriverProperties() {
        if (!url.startsWith("jdbc:postgresql:")) {
            for (String property : List.of("options", "prepareThreshold", "reWriteBatchedInserts")) {
                assertFalse(datasource.getDataSourceProperties().containsKey(property), property);
            }
            return;
        }
        assertEquals(List.of("off", "0"), connections.executeRead(status -> List.of(
                show(status.getConnection(), "jit"), show(status.getConnection(), "max_parallel_workers_per_gather"))));
        assertEquals("0", datasource.getDataSourceProperties().get("prepareThreshold"));
    }

    /**
     * On PostgreSQL an INSERT batch is kept prepared on the server (it has no plan to choose; parsing and planning it
     * for every batch cost the ingest about a quarter of its speed), any other statement is planned anew each time,
     * and an operator's own {@code prepareThreshold} in the URL rules. On both engines the rows are written.
     */
    @Test
    void insertsStayPreparedOnPostgreSqlOtherStatementsAreReplanned() {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        StatementBatches operatorsOwn = new StatementBatches(jdbc, url + (url.contains("?") ? "&" : "?")
                + "prepareThreshold=0");
        List<Object> seen;
        try {
            seen = probe(postgres, operatorsOwn);
        } finally {
            // H2 commits DDL at once, so the table outlives the rolled-back transaction there
            jdbc.execute(c -> c.createStatement().execute("DROP TABLE IF EXISTS statement_batch_probe"));
        }
        List<Object> expected = new java.util.ArrayList<>(List.of("1a", "2b", "3a", "4b", "5a"));
        if (postgres) {
            // the first insert, as the driver rewrote it (3 rows: 2 + 1); not the operator's, nor the UPDATE
            expected.addAll(List.of("INSERT INTO statement_batch_probe (id, v) VALUES ($1, $2)",
                    "INSERT INTO statement_batch_probe (id, v) VALUES ($1, $2),($3, $4)"));
        }
        assertEquals(expected, seen);
    }

    private List<Object> probe(boolean postgres, StatementBatches operatorsOwn) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE statement_batch_probe (id INT PRIMARY KEY, v VARCHAR(10))");
            }
            batches.insert("INSERT INTO statement_batch_probe (id, v) VALUES (?, ?)", List.of(1, 2, 3),
                    (ps, i) -> {
                        ps.setInt(1, i);
                        ps.setString(2, "a");
                    });
            operatorsOwn.insert("INSERT INTO statement_batch_probe (v, id) VALUES (?, ?)", List.of(4, 5),
                    (ps, i) -> {
                        ps.setString(1, "a");
                        ps.setInt(2, i);
                    });
            batches.execute("UPDATE statement_batch_probe SET v = ? WHERE id = ?", List.of(2, 4), (ps, i) -> {
                ps.setString(1, "b");
                ps.setInt(2, i);
            });
            batches.insert("INSERT INTO statement_batch_probe (id, v) VALUES (?, ?)", List.of(), (ps, i) -> {
                throw new AssertionError("no rows, no statement");
            });
            List<Object> out = new java.util.ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, v FROM statement_batch_probe ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getInt(1) + rs.getString(2));
                }
            }
            if (postgres) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT statement FROM "
                        + "pg_prepared_statements WHERE statement LIKE '%statement_batch_probe%' ORDER BY statement")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            status.setRollbackOnly();
            return out;
        });
    }

    private static String show(Connection c, String setting) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void smallHeapsKeepH2sOwnSixteenMegabytes() {
        assertEquals(16 * 1024, H2Settings.cacheKb(16L << 20));
        assertEquals(512 * 1024, H2Settings.cacheKb(1L << 30));
    }
}
