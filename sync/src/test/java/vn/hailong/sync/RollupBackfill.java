package vn.hailong.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The backfill statement of V8__rating_rollup.sql: the roll-ups of ratings stored without them. */
public final class RollupBackfill {
    private RollupBackfill() {
    }

    public static String sql() throws IOException {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V8__rating_rollup.sql"));
        String statement = migration.substring(migration.indexOf("INSERT INTO rating_rollup")).strip();
        return statement.substring(0, statement.length() - 1);   // without its ';'
    }
}
