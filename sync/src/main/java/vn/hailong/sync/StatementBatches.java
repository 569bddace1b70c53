package vn.hailong.sync;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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

    /** One row's values in column order: String, Long, Integer, Boolean, OffsetDateTime, LocalDate or null. */
    @FunctionalInterface
    public interface RowValues<T> {
        void fill(T item, Object[] values);
    }

    private final JdbcOperations jdbc;
    private final boolean postgres;
    private final boolean keepInsertsPrepared;

    public StatementBatches(JdbcOperations jdbc, @Value("${datasources.default.url}") String url) {
        this.jdbc = jdbc;
        this.postgres = Engines.isPostgres(url);
        this.keepInsertsPrepared = postgres && !url.contains("prepareThreshold");
    }

    /**
     * New rows into {@code table}: on PostgreSQL by COPY ({@link CopyRows}), elsewhere as a batch of INSERTs. Either
     * way in the caller's transaction, and a row a unique key refuses fails the whole with SQLState 23505.
     */
    public <T> void append(String table, List<String> columns, Collection<T> items, RowValues<T> values) {
        if (items.isEmpty()) {
            return;
        }
        if (!postgres) {
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            Object[] row = new Object[columns.size()];
            insert(sql, items, (ps, item) -> {
                values.fill(item, row);
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
            });
            return;
        }
        List<Object[]> rows = new ArrayList<>(items.size());
        for (T item : items) {
            Object[] row = new Object[columns.size()];
            values.fill(item, row);
            rows.add(row);
        }
        try {
            CopyRows.append(jdbc.getConnection(), table, columns, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + rows.size() + " rows in " + table + ": "
                    + e.getMessage(), e);
        }
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
