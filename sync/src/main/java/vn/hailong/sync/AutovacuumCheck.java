package vn.hailong.sync;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up when PostgreSQL will not vacuum the tables that grow with every rating, survey and import. The
 * reports read them by index, and a table never vacuumed has no visibility map (no index-only scan) and pays for
 * its hint bits on each first read of a page: on a 10-million-event database loaded with {@code autovacuum = off}
 * the reports ran 2 to 5 times slower until a {@code VACUUM} (PERFORMANCE.md). A warning, not a refusal: the
 * figures stay right, and the operator may vacuum on a schedule of their own.
 */
@Singleton
public class AutovacuumCheck implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AutovacuumCheck.class);
    /** The tables that grow without bound; the others hold a few thousand rows at most. */
    static final List<String> GROWING = List.of("sync_event", "rating", "survey", "dossier", "apology_finding",
            "rating_rollup", "survey_rollup", "survey_tree_rollup", "survey_tally", "dossier_rollup");

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final boolean postgres;

    public AutovacuumCheck(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                           @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.postgres = Engines.isPostgres(url);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!postgres) {
            return;   // H2 needs no vacuum
        }
        try {
            boolean serverOff = serverOff();
            List<String> tables = serverOff ? GROWING : tablesSwitchedOff();
            if (!tables.isEmpty()) {
                LOG.warn("PostgreSQL will not vacuum {} on its own (autovacuum is off {}): reports slow down as these "
                        + "tables grow. Set autovacuum = on in postgresql.conf (its default), or ALTER TABLE ... RESET "
                        + "(autovacuum_enabled), or run VACUUM (ANALYZE) regularly", String.join(", ", tables),
                        serverOff ? "for the whole server" : "for these tables");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not tell whether PostgreSQL vacuums the tables on its own ({})", e.toString());
        }
    }

    /** Whether the PostgreSQL server runs with {@code autovacuum = off}. */
    boolean serverOff() {
        String sql = "SELECT current_setting('autovacuum') <> 'on'";
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }));
    }

    /**
     * The growing tables whose own setting switches autovacuum off ({@code ALTER TABLE ... SET (autovacuum_enabled =
     * false)}).
     */
    List<String> tablesSwitchedOff() {
        String sql = "SELECT c.relname FROM pg_class c CROSS JOIN LATERAL pg_options_to_table(c.reloptions) o "
                + "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY (?) "
                + "AND o.option_name = 'autovacuum_enabled' AND lower(o.option_value) IN ('false', 'off', 'no', 'n', 'f', '0') "
                + "ORDER BY c.relname";
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", GROWING.toArray()));
            List<String> off = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    off.add(rs.getString(1));
                }
            }
            return off;
        }));
    }
}
