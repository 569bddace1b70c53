package vn.hailong.sync;

import db.migration.V13__survey_rollup_backfill;
import db.migration.V15__rating_rollup_weeks_and_days;
import db.migration.V17__dossier_rollup_weeks;
import db.migration.V20__survey_tally;
import db.migration.V21__rating_rollup_procedure_tree;
import db.migration.V22__survey_tree_rollup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;

/**
 * The migrations' backfills of the roll-ups, for rows written around the server (tests and benchmarks load ratings,
 * surveys and dossiers by JDBC): the same statements and code an upgrade runs, so the roll-ups are what ingest and
 * import would have kept.
 */
public final class RollupBackfill {
    private RollupBackfill() {
    }

    /** V8's statement: the rating roll-ups, but for the weekly and daily rows of V15 ({@link #ratings}). */
    public static String sql() throws IOException {
        return statements("V8__rating_rollup.sql", "INSERT INTO rating_rollup").get(0);
    }

    /** Every rating roll-up row (V8's statement, V15's weekly and daily rows, V21's whole tree's procedure rows). */
    public static void ratings(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql());
        }
        V15__rating_rollup_weeks_and_days.backfill(c);
        V21__rating_rollup_procedure_tree.backfill(c);
    }

    /** V11's statements: the dossier roll-ups (daily and monthly, monthly per officer and procedure; V17 adds weeks). */
    public static List<String> dossierSql() throws IOException {
        return statements("V11__dossier_rollup.sql", "INSERT INTO dossier_rollup");
    }

    /** Every roll-up of the ratings, surveys and dossiers stored on {@code c} (empty roll-up tables), uncommitted. */
    public static void all(Connection c) throws Exception {
        ratings(c);
        try (Statement st = c.createStatement()) {
            for (String statement : dossierSql()) {
                st.executeUpdate(statement);
            }
        }
        V17__dossier_rollup_weeks.backfill(c);
        new V13__survey_rollup_backfill().migrate(context(c));
        V20__survey_tally.backfill(c);
        V22__survey_tree_rollup.backfill(c);
    }

    /** The statements of a migration from the first that starts with {@code first}, without their ';'. */
    private static List<String> statements(String migration, String first) throws IOException {
        String text = Files.readString(Path.of("src/main/resources/db/migration", migration));
        return Arrays.stream(text.substring(text.indexOf(first)).split(";")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** What Flyway hands a Java migration: the connection of the transaction it runs in. */
    public static Context context(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
