package vn.hailong.sync.report;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;
import vn.hailong.sync.Engines;

/**
 * How a report reads roll-up rows it adds up per key (số liệu tổng hợp): on PostgreSQL summed per key by the
 * database, so a tenth of the rows cross the socket; on H2, which runs in the server's own process, the rows as
 * stored, because the report adds up its spans per key anyway and H2's GROUP BY took twice as long as reading the
 * rows (52,752 monthly officer rows: 80 ms against 38; PERFORMANCE.md). Used for the satisfaction, dossier and
 * survey roll-ups.
 */
@Singleton
public class RollupSums {
    private final boolean inDatabase;

    public RollupSums(@Value("${datasources.default.url}") String url) {
        this.inDatabase = Engines.isPostgres(url);
    }

    /**
     * The SELECT of the key columns ({@code null}: none, the whole selection), then the {@code sums} in their order,
     * of the rows of {@code table} matching {@code where}. Each key may come in several rows: the caller adds them.
     */
    String select(@Nullable String keyColumns, List<String> sums, String table, String where) {
        String values = inDatabase ? sums.stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "))
                : String.join(", ", sums);
        return "SELECT " + (keyColumns == null ? "" : keyColumns + ", ") + values + " FROM " + table + " WHERE " + where
                + (inDatabase && keyColumns != null ? " GROUP BY " + keyColumns : "");
    }
}
