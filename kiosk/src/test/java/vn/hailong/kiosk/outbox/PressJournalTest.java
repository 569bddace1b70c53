package vn.hailong.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox journal on real files: what was appended comes back, what was torn or forgotten does not. */
class PressJournalTest {
    @TempDir
    Path dir;

    private static PressJournal.Entry entry(long seq) {
        boolean panel = seq % 2 == 0;
        return new PressJournal.Entry(seq, "e-" + seq, "rating", "{\"seq\":" + seq + ",\"note\":\"Hài lòng ✓\"}",
                seq % 3 == 0 ? "HELD" : "PENDING", Instant.parse("2026-12-02T03:04:05.123456789Z").plusSeconds(seq),
                panel ? (int) seq : null, panel ? Instant.parse("2026-12-02T03:04:05Z") : null,
                seq == 1 ? "session-1" : null);
    }

    @Test
    void entriesComeBackAfterReopeningUntilTheJournalIsReset() throws Exception {
        Path file = dir.resolve("kiosk.journal");
        List<PressJournal.Entry> written = new ArrayList<>();
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(), journal.entries());
            assertEquals(64 * 1024, Files.size(file), "made full size at once, so a record never grows the file");
            for (long seq = 1; seq <= 4; seq++) {
                assertTrue(journal.append(entry(seq)));
                written.add(entry(seq));
            }
            assertEquals(64 * 1024, Files.size(file));
        }
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(written, journal.entries(), "every field as written, nulls and Vietnamese included");
            journal.reset();
            assertTrue(journal.append(entry(5)));
        }
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(entry(5)), journal.entries(), "the records before the reset no longer count");
            journal.reset();
        }
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(), journal.entries(), "an old record at the start is of an older generation");
        }
    }

    @Test
    void aRecordTornByAPowerCutEndsTheJournal() throws Exception {
        Path file = dir.resolve("kiosk.journal");
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            for (long seq = 1; seq <= 3; seq++) {
                journal.append(entry(seq));
            }
        }
        long second = PressJournal.HEADER + 16 + payloadLength(file, PressJournal.HEADER);
        long third = second + 16 + payloadLength(file, second);
        // the power cut came while the third record was written (it was never confirmed): a byte of its text is
        // not the one written, and its CRC fails
        flip(file, third + 16 + 20);
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(entry(1), entry(2)), journal.entries());
            assertTrue(journal.append(entry(4)), "the next record goes where the torn one was");
        }
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(entry(1), entry(2), entry(4)), journal.entries());
        }
        // nothing after a record that fails its CRC is read, whatever follows it
        flip(file, second + 16 + 20);
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(entry(1)), journal.entries());
        }
    }

    @Test
    void aFullJournalTakesNothingMoreAndSaysWhenItIsHalfFull() throws Exception {
        int capacity = PressJournal.HEADER + 2048;
        try (PressJournal journal = PressJournal.open(dir.resolve("small.journal"), capacity)) {
            int appended = 0;
            int halfFullAt = 0;
            while (journal.append(entry(appended + 1))) {
                appended++;
                if (halfFullAt == 0 && journal.halfFull()) {
                    halfFullAt = appended;
                }
            }
            assertTrue(appended >= 10, appended + " records");
            assertTrue(halfFullAt > 1 && halfFullAt * 2 >= appended && halfFullAt * 2 <= appended + 2,
                    "half full after " + halfFullAt + " of " + appended);
            assertEquals(appended, journal.entries().size());
            assertFalse(journal.append(entry(99)));
            journal.reset();
            assertFalse(journal.halfFull());
            assertTrue(journal.append(entry(99)));
        }
    }

    @Test
    void anUnreadableHeaderMeansNothingToReplayAndTheJournalStillWorks() throws Exception {
        Path file = dir.resolve("kiosk.journal");
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            journal.append(entry(1));
        }
        flip(file, 6);
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(), journal.entries());
            journal.append(entry(7));
        }
        try (PressJournal journal = PressJournal.open(file, 64 * 1024)) {
            assertEquals(List.of(entry(7)), journal.entries());
        }
    }

    private static int payloadLength(Path file, long at) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            ch.read(b, at);
            return b.getInt(0);
        }
    }

    private static void flip(Path file, long at) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).position(0);
            ch.write(b, at);
        }
    }
}
