package vn.hailong.hardware.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.hailong.hardware.Await;
import vn.hailong.hardware.connection.LoopbackConnection;
import vn.hailong.hardware.nmea.DropReason;

/** The host rules of serial-protocol.md against the simulated panel over the in-memory loopback. */
class SerialPanelTest {
    private static final Duration T = Duration.ofSeconds(10);
    private final LoopbackConnection.Cable cable = LoopbackConnection.cable();
    private PanelRig rig;

    private PanelRig rig(SerialPanel.Settings settings) {
        rig = new PanelRig(cable.hostEnd(), cable.panelEnd(), settings, Duration.ofMillis(200)).start();
        return rig;
    }

    private static SerialPanel.Settings nmea() {
        return SerialPanel.Settings.defaults(SerialPanel.Protocol.NMEA).withDebounce(Duration.ZERO)
                .withHeartbeatTimeout(Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private void pressAndAwaitAck(int button) {
        rig.sim.press(button);
        Await.until(T, () -> rig.sim.unacknowledged() == 0, () -> "press acknowledged");
    }

    @Test
    void pressesAreDeliveredOnceAcknowledgedAndLitThroughNoise() {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        List<Integer> buttons = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int button = i % 5 + 1;
            rig.sim.noise(100);
            pressAndAwaitAck(button);
            buttons.add(button);
        }
        rig.awaitPresses(50, T);
        assertEquals(buttons, rig.presses.stream().map(Press::button).toList());
        assertEquals(50, rig.deviceSeqs().stream().distinct().count());
        assertTrue(rig.presses.stream().allMatch(p -> p.channel() == Channel.BUTTON));
        Await.until(T, () -> rig.hostSaid.stream().filter(s -> s.startsWith("HLLED,")).count() == 50,
                () -> "an LED for every stored press: " + rig.hostSaid);
        PanelDiagnostics d = rig.panel.diagnostics();
        assertEquals(50, d.delivered());
        assertTrue(d.dropped().getOrDefault(DropReason.NOISE, 0L) > 1000, d.toString());
        assertTrue(d.identity().startsWith("HL-SIM-5"), d.toString());
    }

    @Test
    void resendsOfAPressWhoseAckWasLostAreAcknowledgedButNotDelivered() {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        rig.sim.dropAcks(true);
        rig.sim.press(3);
        Await.until(T, () -> rig.sim.resendsSent() == 5 && rig.sim.unacknowledged() == 0, () -> "5 resends, then given up");
        assertEquals(1, rig.presses.size());
        Await.until(T, () -> rig.panel.diagnostics().duplicates() == 5, () -> "5 duplicates " + rig.panel.diagnostics());
    }

    @Test
    void aSlowKioskWithholdsTheAckAndTheResendsAreNotDeliveredAgain() {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        rig.kiosk(p -> {
            Await.until(T, () -> rig.sim.resendsSent() >= 2, () -> "the panel resends while the kiosk stores");
            return PressOutcome.STORED;
        });
        rig.sim.press(2);
        Await.until(T, () -> rig.sim.unacknowledged() == 0, () -> "acknowledged after the kiosk answered");
        Await.until(T, () -> rig.panel.diagnostics().duplicates() >= 2, () -> "resends seen as duplicates");
        assertEquals(1, rig.presses.size());
    }

    @Test
    void aPressWithinTheDebounceTimeIsAcknowledgedAndDropped() {
        rig(SerialPanel.Settings.defaults(SerialPanel.Protocol.NMEA).withDebounce(Duration.ofSeconds(5)));
        rig.awaitState(PanelState.OK, T);
        pressAndAwaitAck(1);
        pressAndAwaitAck(5);
        assertEquals(1, rig.presses.size());
        assertEquals(1, rig.panel.diagnostics().debounced());
    }

    @Test
    void deviceSeqWrapsAt65535AndAPanelRestartClearsTheMemory() {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        rig.sim.deviceSeq(65534);
        pressAndAwaitAck(1);
        pressAndAwaitAck(2);
        pressAndAwaitAck(3);
        rig.sim.restart();
        pressAndAwaitAck(4); // devseq 0 again, but the panel restarted: a new press
        rig.awaitPresses(4, T);
        assertEquals(List.of(65534, 65535, 0, 0), rig.deviceSeqs());
    }

    @Test
    void silenceMakesThePanelOfflineUntilItsNextFrame() {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        rig.sim.quiet(Duration.ofSeconds(2));
        rig.awaitState(PanelState.OFFLINE, T);
        assertTrue(rig.panel.status().reason().contains("no heartbeat"), rig.panel.status().toString());
        rig.awaitState(PanelState.OK, T);
        pressAndAwaitAck(4);
        rig.awaitPresses(1, T);
        assertTrue(rig.panel.diagnostics().reopened() >= 1);
    }

    @Test
    void anUnpluggedPanelIsReopenedAndAPressAroundTheUnplugCountsOnce() {
        rig(nmea());
        rig.awaitState(PanelState.OK, T);
        rig.sim.dropAcks(true);
        rig.sim.press(2);              // stored, but the ack is lost on the line
        rig.awaitPresses(1, T);
        cable.unplug();
        rig.awaitState(PanelState.OFFLINE, T);
        Await.until(T, () -> rig.states.stream().anyMatch(s -> s.reason().contains("vanished")), () -> "" + rig.states);
        rig.sim.dropAcks(false);
        cable.plug();
        rig.awaitState(PanelState.OK, T);
        Await.until(T, () -> rig.sim.unacknowledged() == 0, () -> "the resent press is acknowledged after the replug");
        pressAndAwaitAck(5);
        rig.awaitPresses(2, T);
        assertEquals(List.of(2, 5), rig.presses.stream().map(Press::button).toList());
    }

    @Test
    void digitsModeDeliversEachDigitAndNeedsNoHeartbeat() {
        rig(SerialPanel.Settings.defaults(SerialPanel.Protocol.DIGITS).withDebounce(Duration.ZERO)
                .withHeartbeatTimeout(Duration.ofMillis(100)));
        rig.awaitState(PanelState.OK, T);
        for (int b : new int[] {1, 3, 5, 2}) {
            int expected = rig.presses.size() + 1;
            rig.sim.press(b);
            rig.awaitPresses(expected, T);
        }
        assertEquals(List.of(1, 3, 5, 2), rig.presses.stream().map(Press::button).toList());
        assertTrue(rig.presses.stream().allMatch(p -> p.deviceSeq() == Press.NO_DEVICE_SEQ));
        assertEquals(PanelState.OK, rig.panel.status().state());
    }
}
