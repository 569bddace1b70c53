package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V15 run by Flyway on an H2 file that already holds ratings, as a server upgrade runs it: the weekly and daily
 * roll-up rows it adds say what the ratings say (the consistency tests run its backfill by hand, inside a test
 * transaction; this one goes through Flyway's own transaction and H2's implicit commits around DDL).
 */
class RollupUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void anUpgradeAddsTheWeeksAndDaysOfTheRatingsStoredBefore() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("upgrade") + ";WRITE_DELAY=0";
        Flyway.configure().dataSource(url, "sa", "").target("14").load().migrate();
        LocalDate monday = LocalDate.of(2025, 3, 3);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            // 20 ratings over 10 days from a Monday (two a day), alternating between two officers, every third one
            // dissatisfied
            try (PreparedStatement event = c.prepareStatement("INSERT INTO sync_event (event_id, terminal_id, seq, "
                    + "event_type, status, reject_reason, content_hash, received_at) VALUES (?, 'T1', ?, 'rating', "
                    + "'STORED', NULL, ?, ?)");
                 PreparedStatement rating = c.prepareStatement("INSERT INTO rating (event_id, terminal_id, seq, "
                         + "at_instant, local_date, local_month, agency_code, counter_code, officer_id, procedure_code, "
                         + "dossier_code, scale, rating_value, rating_class, channel, reasons) VALUES (?, 'T1', ?, ?, ?, "
                         + "?, 'A1', '1', ?, 'P1', NULL, 4, ?, ?, 'BUTTON', NULL)")) {
                for (int i = 0; i < 20; i++) {
                    LocalDate day = monday.plusDays(i / 2);
                    String id = "e" + i;
                    event.setString(1, id);
                    event.setLong(2, i + 1);
                    event.setString(3, "0".repeat(64));
                    event.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    event.executeUpdate();
                    rating.setString(1, id);
                    rating.setLong(2, i + 1);
                    rating.setObject(3, day.atTime(9, 0).atOffset(ZoneOffset.ofHours(7)));
                    rating.setObject(4, day);
                    rating.setString(5, day.toString().substring(0, 7));
                    rating.setString(6, "cb" + (i % 2));
                    rating.setInt(7, i % 3 == 0 ? 1 : 4);
                    rating.setString(8, i % 3 == 0 ? "DISSATISFIED" : "SATISFIED");
                    rating.executeUpdate();
                }
            }
        }
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            // the first week holds i = 0..13 (5 dissatisfied: 0, 3, 6, 9, 12), the second i = 14..19 (15, 18);
            // officer cb0 has the even ones: 7 (0, 6, 12) and 3 (18), one a day
            assertEquals(List.of("2025-03-03 7 3", "2025-03-10 3 1"), rows(c, "OFFICER", "W", "cb0"));
            assertEquals(10, rows(c, "OFFICER", "D", "cb0").size());
            for (String[] dimension : new String[][] {{"COUNTER", "1"}, {"TERMINAL", "T1"}, {"PROCEDURE", "P1"}}) {
                assertEquals(List.of("2025-03-03 14 5", "2025-03-10 6 2"), rows(c, dimension[0], "W", dimension[1]));
            }
            assertEquals(List.of(), rows(c, "PROCEDURE", "D", "P1"), "no daily rows per procedure");
            assertEquals(List.of("2025-03-03 2 1", "2025-03-04 2 1", "2025-03-05 2 0"),
                    rows(c, "COUNTER", "D", "1").subList(0, 3));
        }
    }

    /** "start satisfied+dissatisfied dissatisfied" of one key's rows of a kind, by start. */
    private static List<String> rows(Connection c, String dimension, String kind, String key) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT period_start, satisfied + dissatisfied, dissatisfied FROM rating_rollup "
                     + "WHERE dimension = '" + dimension + "' AND period_kind = '" + kind + "' AND dim_key = '" + key
                     + "' ORDER BY period_start")) {
            while (rs.next()) {
                rows.add(rs.getObject(1, LocalDate.class) + " " + rs.getLong(2) + " " + rs.getLong(3));
            }
        }
        return rows;
    }
}
