package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Which engine a Java migration runs on, where the two take different statements. */
final class Engine {
    private Engine() {
    }

    static boolean isH2(Connection c) throws SQLException {
        return product(c).contains("h2");
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return product(c).contains("postgres");
    }

    private static String product(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    }
}
