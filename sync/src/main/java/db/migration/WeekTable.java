package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.function.UnaryOperator;

/**
 * A backfill's work table mapping each day between two dates to the first day of its week ({@code local_date},
 * {@code week_start}): H2 and PostgreSQL share no function for "the Monday of a date", so the weeks are computed in
 * Java, by the code the server uses, and the source rows are summed through a join. Not a migration (Flyway runs
 * only classes that implement one).
 */
final class WeekTable {
    private WeekTable() {
    }

    /** The first and last day of a date column, or null when it holds none. */
    static LocalDate[] span(Connection c, String table, String column) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(" + column + "), MAX(" + column + ") FROM " + table)) {
            rs.next();
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? null : new LocalDate[] {first, rs.getObject(2, LocalDate.class)};
        }
    }

    /** Creates and fills the table {@code name} for the days of {@code span}. */
    static void create(Connection c, String name, LocalDate[] span, UnaryOperator<LocalDate> weekOf) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE " + name + " (local_date DATE PRIMARY KEY, week_start DATE NOT NULL)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + name + " VALUES (?, ?)")) {
            for (LocalDate day = span[0]; !day.isAfter(span[1]); day = day.plusDays(1)) {
                insert.setObject(1, day);
                insert.setObject(2, weekOf.apply(day));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Brings the planner's figures of a table up to date: millions of rows added at once leave them stale until the
     * next automatic analysis (measured on PostgreSQL at 9 million ratings: a month's agency rows read by a full
     * scan, 487 ms, instead of a few through the primary key).
     */
    static void analyze(Connection c, String table) throws SQLException {
        boolean postgres = Engine.isPostgres(c);
        try (Statement st = c.createStatement()) {
            st.execute(postgres ? "ANALYZE " + table : "ANALYZE TABLE " + table);
        }
    }
}
