package vn.hailong.hardware.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.hardware.connection.PortProblem;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.connection.SocatPair;

/** The driver and the simulated panel on real pseudo-terminals joined by socat, through jSerialComm. */
class SerialPtyTest {
    private static final Duration T = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private SocatPair socat;
    private PanelRig rig;

    private PanelRig rig(SerialPanel.Settings settings) throws Exception {
        socat = new SocatPair(dir).start();
        rig = new PanelRig(new SerialConnection(socat.host(), 9600), new SerialConnection(socat.panel(), 9600),
                settings, Duration.ofMillis(300)).start();
        return rig;
    }

    private static SerialPanel.Settings nmea() {
        return SerialPanel.Settings.defaults(SerialPanel.Protocol.NMEA).withDebounce(Duration.ZERO)
                .withHeartbeatTimeout(Duration.ofSeconds(1));
    }

    @AfterEach
    void close() throws Exception {
        if (rig != null) {
            rig.close();
        }
        if (socat != null) {
            socat.close();
        }
    }

    private void pressAndAwaitAck(int button) {
        rig.sim.press(button);
        Await.until(T, () -> rig.sim.unacknowledged() == 0, () -> "press acknowledged");
    }

    @Test
    void everyPressArrivesOnceThroughNoiseAndLostAcks() throws Exception {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        List<Integer> buttons = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rig.sim.noise(200);
            rig.sim.dropAcks(i % 10 == 0);
            int button = i % 5 + 1;
            rig.sim.press(button);
            buttons.add(button);
            Await.until(T, () -> rig.sim.unacknowledged() == 0, () -> "acknowledged or given up");
        }
        rig.awaitPresses(30, T);
        assertEquals(buttons, rig.presses.stream().map(Press::button).toList());
        assertEquals(30, rig.panel.diagnostics().delivered());
        assertTrue(rig.panel.diagnostics().duplicates() >= 15, rig.panel.diagnostics().toString());
    }

    @Test
    void unplugAndReplugReopenThePortWithoutLosingOrDoublingAPress() throws Exception {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        pressAndAwaitAck(1);
        rig.sim.dropAcks(true);
        rig.sim.press(2);                  // stored; its ack is lost, the panel keeps resending
        rig.awaitPresses(2, T);
        socat.stop();                      // the cable is pulled
        Await.until(T, () -> rig.states.stream().anyMatch(s -> s.state() == PanelState.OFFLINE),
                () -> "offline after the unplug: " + rig.states);
        rig.sim.dropAcks(false);
        socat.start();                     // and plugged in again
        rig.awaitState(PanelState.OK, T);
        pressAndAwaitAck(3);
        rig.awaitPresses(3, T);
        assertEquals(List.of(1, 2, 3), rig.presses.stream().map(Press::button).toList());
        assertTrue(rig.panel.diagnostics().reopened() >= 1, rig.panel.diagnostics().toString());
    }

    @Test
    void aSilentPanelGoesOfflineAndComesBack() throws Exception {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        rig.sim.quiet(Duration.ofSeconds(3));
        Await.until(T, () -> rig.states.stream().anyMatch(s -> s.reason().contains("no heartbeat")),
                () -> "offline for silence: " + rig.states);
        rig.awaitState(PanelState.OK, T);
        pressAndAwaitAck(4);
        rig.awaitPresses(1, T);
    }

    @Test
    void digitsModeOverAPty() throws Exception {
        rig(SerialPanel.Settings.defaults(SerialPanel.Protocol.DIGITS).withDebounce(Duration.ZERO));
        rig.awaitState(PanelState.OK, T);
        for (int b : new int[] {4, 1, 3}) {
            int expected = rig.presses.size() + 1;
            rig.sim.press(b);
            rig.awaitPresses(expected, T);
        }
        assertEquals(List.of(4, 1, 3), rig.presses.stream().map(Press::button).toList());
    }

    @Test
    void aMissingOrBusyPortIsNamedWithItsCause() throws Exception {
        SerialConnection missing = new SerialConnection(dir.resolve("ttyUSB9").toString(), 9600);
        PortProblem gone = assertThrows(PortProblem.class, missing::open);
        assertTrue(gone.getMessage().contains("ttyUSB9") && gone.getMessage().contains("does not exist"), gone.getMessage());

        socat = new SocatPair(dir).start();
        SerialConnection first = new SerialConnection(socat.host(), 9600);
        first.open();
        try {
            SerialConnection second = new SerialConnection(socat.host(), 9600);
            PortProblem busy = assertThrows(PortProblem.class, second::open);
            assertTrue(busy.getMessage().contains(socat.host()), busy.getMessage());
        } finally {
            first.close();
        }
    }
}
