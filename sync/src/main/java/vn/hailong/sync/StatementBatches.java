package vn.hailong.sync;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import org.postgresql.PGStatement;

/**
 * One statement run for many rows as a JDBC batch, in the caller's transaction.
 * <p>
 * {@link PostgresPlanning} has PostgreSQL plan every statement anew ({@code prepareThreshold=0}), because a lookup
 * planned once while its table was small keeps a plan that scans the table once it is large. An INSERT (also
 * {@code INSERT ... ON CONFLICT}) has no plan to choose, so parsing and planning it anew for every batch is pure
 * cost: {@link #insert} keeps it prepared on the server, once per pooled connection (IngestBenchmark on PostgreSQL:
 * 13,900–14,100 → 17,000–18,100 events/s). An operator's own {@code prepareThreshold} in the URL is left to rule (a
 * connection pooler that cannot keep prepared statements, say).
 */
@Singleton
public class StatementBatches {
    /** Sets one row's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private final JdbcOperations jdbc;
    private final boolean keepInsertsPrepared;

    public StatementBatches(JdbcOperations jdbc, @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.keepInsertsPrepared = url.startsWith("jdbc:postgresql:") && !url.contains("prepareThreshold");
    }

    /** An INSERT (or upsert) of {@code items}: kept prepared on PostgreSQL, planless as it is. */
    public <T> void insert(String sql, Collection<T> items, Binder<T> binder) {
        run(sql, items, binder, keepInsertsPrepared);
    }

    /** Any other statement (an UPDATE or DELETE by key, say): planned each time with the tables as they are. */
    public <T> void execute(String sql, Collection<T> items, Binder<T> binder) {
        run(sql, items, binder, false);
    }

    private <T> void run(String sql, Collection<T> items, Binder<T> binder, boolean keepPrepared) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, ps -> {
            if (keepPrepared) {
                // from its first run: the driver then keeps it per connection under its SQL text
                ps.unwrap(PGStatement.class).setPrepareThreshold(1);
            }
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }
}
