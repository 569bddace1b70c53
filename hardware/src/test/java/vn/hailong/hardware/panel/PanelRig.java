package vn.hailong.hardware.panel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vn.hailong.hardware.Await;
import vn.hailong.hardware.connection.Connection;
import vn.hailong.hardware.sim.PanelSimulator;

/**
 * A simulated panel on one end of a link and the host driver on the other, with a kiosk that records what
 * it was handed. Used over the in-memory loopback and over real pseudo-terminals alike.
 */
public final class PanelRig implements AutoCloseable {
    public final PanelSimulator sim;
    public final SerialPanel panel;
    public final List<Press> presses = Collections.synchronizedList(new ArrayList<>());
    public final List<String> hostSaid = Collections.synchronizedList(new ArrayList<>());
    public final List<PanelStatus> states = Collections.synchronizedList(new ArrayList<>());
    private volatile PressHandler kiosk = p -> PressOutcome.STORED;

    public PanelRig(Connection hostEnd, Connection panelEnd, SerialPanel.Settings settings, Duration heartbeat) {
        sim = new PanelSimulator(panelEnd, settings.protocol(), 5, heartbeat, hostSaid::add, 42);
        panel = new SerialPanel(hostEnd, settings, Clock.systemUTC());
        panel.onStateChange(states::add);
    }

    /** Replaces what the kiosk does with a press (default: stores it). */
    public void kiosk(PressHandler handler) {
        kiosk = handler;
    }

    public PanelRig start() {
        sim.start();
        panel.start(p -> {
            PressOutcome outcome = kiosk.onPress(p);
            presses.add(p);
            return outcome;
        });
        return this;
    }

    public void awaitState(PanelState state, Duration timeout) {
        Await.until(timeout, () -> panel.status().state() == state, () -> "panel " + state + ", is " + panel.status());
    }

    public void awaitPresses(int count, Duration timeout) {
        Await.until(timeout, () -> presses.size() >= count, () -> count + " presses delivered, got " + presses);
    }

    public List<Integer> deviceSeqs() {
        synchronized (presses) {
            return presses.stream().map(Press::deviceSeq).toList();
        }
    }

    @Override
    public void close() {
        sim.close();
        panel.close();
    }
}
