package vn.hailong.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.Press;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.rating.RatingRecorder;
import vn.hailong.kiosk.session.RatingSessions;

/**
 * A power cut after presses were confirmed but before H2's file reached the disk: the database file is put back
 * as it was on the disk before the presses (a copy taken then), the journal as the presses forced it. The kiosk
 * started on them stores the lost events again, exactly as they were, with the dossier session they closed.
 */
class OutboxJournalTest {
    @TempDir
    Path dir;

    @Test
    void eventsConfirmedAfterTheDatabaseFileLastReachedTheDiskComeBackFromTheJournal() throws Exception {
        Path data = dir.resolve("kiosk");
        Path onDisk = dir.resolve("on-disk.mv.db");
        Path journalOnDisk = dir.resolve("on-disk.journal");
        List<String> confirmed;
        try (ApplicationContext kiosk = KioskContexts.offline(data, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = kiosk.getBean(RatingRecorder.class);
            assertEquals(PressOutcome.STORED, recorder.onPress(new Press(4, 1, Instant.now(), Channel.BUTTON)));
            kiosk.getBean(RatingSessions.class).open("HS-2026-001", "cb-7", "1.00123");
            sql(kiosk, c -> c.createStatement().execute("CHECKPOINT SYNC"));
            Files.copy(data.resolve("kiosk.mv.db"), onDisk);
            // confirmed after the copy: a bound rating (closes the session), a dissatisfied one held for its
            // reasons, a touch
            assertEquals(PressOutcome.STORED, recorder.onPress(new Press(3, 2, Instant.now(), Channel.BUTTON)));
            assertEquals(PressOutcome.STORED, recorder.onPress(new Press(1, 3, Instant.now(), Channel.BUTTON)));
            assertEquals(PressOutcome.STORED, recorder.onPress(new Press(2, Press.NO_DEVICE_SEQ, Instant.now(),
                    Channel.TOUCH)));
            confirmed = rows(kiosk);
            assertEquals(4, confirmed.size());
            Files.copy(data.resolve("kiosk.journal"), journalOnDisk);
        }
        Path without = dir.resolve("without-journal");
        powerCut(without, onDisk, null);
        try (ApplicationContext kiosk = KioskContexts.offline(without)) {
            assertEquals(1, rows(kiosk).size(), "the file as it was on the disk lacks the last three presses");
            assertTrue(kiosk.getBean(RatingSessions.class).current().isPresent());
        }

        powerCut(data, onDisk, journalOnDisk);
        try (ApplicationContext kiosk = KioskContexts.offline(data, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = kiosk.getBean(RatingRecorder.class);
            assertEquals(released(confirmed), rows(kiosk), "every confirmed event as it was (held ones released at start)");
            assertTrue(kiosk.getBean(RatingSessions.class).current().isEmpty(), "the session its rating closed is closed");
            assertEquals(4, kiosk.getBean(OutboxStore.class).lastSeq());
            assertEquals(PressOutcome.STORED, recorder.onPress(new Press(4, 4, Instant.now(), Channel.BUTTON)));
            assertEquals(5, kiosk.getBean(OutboxStore.class).lastSeq());
        }
        try (ApplicationContext kiosk = KioskContexts.offline(data)) {
            assertEquals(5, kiosk.getBean(OutboxStore.class).lastSeq());
            assertEquals(5, rows(kiosk).size(), "started again: nothing stored twice");
            try (PressJournal journal = PressJournal.open(data.resolve("kiosk.journal"), PressJournal.DEFAULT_CAPACITY)) {
                assertEquals(List.of(), journal.entries(), "emptied at start, once the database file was forced");
            }
        }
    }

    private static void powerCut(Path data, Path dbOnDisk, Path journalOnDisk) throws Exception {
        Files.createDirectories(data);
        Files.copy(dbOnDisk, data.resolve("kiosk.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(data.resolve("kiosk.journal"));
        if (journalOnDisk != null) {
            Files.copy(journalOnDisk, data.resolve("kiosk.journal"));
        }
    }

    private static List<String> released(List<String> rows) {
        return rows.stream().map(r -> r.replace("|HELD|", "|PENDING|")).toList();
    }

    /** Every outbox row, every column, in seq order. */
    private static List<String> rows(ApplicationContext kiosk) {
        return sql(kiosk, c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT seq, event_id, event_type, body, "
                    + "status, created_at, device_seq, panel_read_at FROM outbox ORDER BY seq")) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 8; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        });
    }

    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    @SuppressWarnings("unchecked")
    private static <T> T sql(ApplicationContext kiosk, Work<T> work) {
        TransactionOperations<Connection> tx = kiosk.getBean(TransactionOperations.class);
        return tx.executeWrite(status -> {
            try {
                return work.on(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
