package vn.hailong.kiosk.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.Press;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxStore;

/**
 * The kiosk's disk fills up: its data directory is a real 16 MiB tmpfs, filled to the last byte by another file.
 * A press must be refused (not thanked, the officer told why) rather than confirmed and lost; when space returns,
 * presses are stored again and nothing stored before is lost. Mounting needs root, as on the CI machine; the test
 * fails, and says so, where it cannot mount.
 */
class DiskFullTest {
    @TempDir
    Path dir;
    private Path mount;

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + out.strip() + "): the disk-full "
                    + "test mounts a small tmpfs and needs root, as install/test.sh runs in CI");
        }
    }

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createDirectories(dir.resolve("disk"));
        run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "-l", mount.toString());
    }

    /** Writes until the filesystem refuses: the disk is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Presses until the full disk refuses five; returns how many were still stored before that. */
    private static int pressUntilRefused(RatingRecorder recorder, Path filler) throws IOException {
        int confirmedWhileFull = 0;
        int refused = 0;
        fill(filler);
        // H2 first reuses free space inside its file; once that is gone, presses must be refused, not lost
        for (int i = 0; i < 5000 && refused < 5; i++) {
            if (recorder.onPress(press(1 + i % 4)) == PressOutcome.STORED) {
                confirmedWhileFull++;
            } else {
                refused++;
            }
        }
        String why = recorder.storageFailure();
        System.out.println("DiskFullTest: on a full disk " + confirmedWhileFull + " presses fitted in the database "
                + "file, then " + refused + " were refused: " + why);
        assertEquals(5, refused, "a full disk ends in refusals");
        assertNotNull(why, "the officer is told why");
        return confirmedWhileFull;
    }

    @Test
    void aFullDiskRefusesPressesClearlyLosesNoConfirmedOneAndServiceResumesWhenSpaceReturns() throws Exception {
        Path data = mount.resolve("kiosk");
        Path filler = mount.resolve("filler");
        int confirmedWhileFull;
        try (ApplicationContext context = KioskContexts.offline(data, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = context.getBean(RatingRecorder.class);
            for (int i = 1; i <= 3; i++) {
                assertEquals(PressOutcome.STORED, recorder.onPress(press(i)));
            }
            confirmedWhileFull = pressUntilRefused(recorder, filler);

            Files.delete(filler);
            PressOutcome after = PressOutcome.REFUSED;
            for (int i = 0; i < 3 && after != PressOutcome.STORED; i++) {
                after = recorder.onPress(press(4));  // the first press after may still meet the failed state
            }
            assertEquals(PressOutcome.STORED, after, "space is back: presses are stored again; still failing with: " + recorder.storageFailure());
            assertNull(recorder.storageFailure(), "the failure clears");
        }
        try (ApplicationContext again = KioskContexts.offline(data, "hailong.min-interval-seconds", 0)) {
            assertEquals(3 + confirmedWhileFull + 1, again.getBean(OutboxStore.class).pendingCount(),
                    "after a restart: every confirmed press, and nothing refused");
        }
    }

    /**
     * A restart once space is back (the officer's first move) replays the outbox journal: it must bring back every
     * confirmed press and no refused one (the citizen was told it was not recorded, and may have pressed again).
     */
    @Test
    void aRestartAfterRefusalsStoresNoRefusedPress() throws Exception {
        Path data = mount.resolve("kiosk");
        Path filler = mount.resolve("filler");
        int confirmedWhileFull;
        try (ApplicationContext context = KioskContexts.offline(data, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = context.getBean(RatingRecorder.class);
            assertEquals(PressOutcome.STORED, recorder.onPress(press(1)));
            confirmedWhileFull = pressUntilRefused(recorder, filler);
        }
        Files.delete(filler);
        try (ApplicationContext again = KioskContexts.offline(data, "hailong.min-interval-seconds", 0)) {
            OutboxStore outbox = again.getBean(OutboxStore.class);
            assertEquals(1 + confirmedWhileFull, outbox.pendingCount(), "every confirmed press, and nothing refused");
            assertEquals(1 + confirmedWhileFull, outbox.lastSeq(), "no seq was taken by a refused press");
        }
    }

    private static Press press(int button) {
        return new Press(button, Press.NO_DEVICE_SEQ, Clock.systemUTC().instant(), Channel.BUTTON);
    }
}
