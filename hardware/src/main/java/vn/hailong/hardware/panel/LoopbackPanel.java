package vn.hailong.hardware.panel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory rating panel: {@link #press(int)} plays a hardware button press through the same contract a
 * serial panel follows, and remembers which presses were acknowledged as stored. The test double of panels.
 */
public final class LoopbackPanel implements Panel {
    private final int buttons;
    private final Channel channel;
    private final Clock clock;
    private final List<Integer> acknowledged = new ArrayList<>();
    private PressHandler handler;
    private int deviceSeq;
    private boolean closed;

    public LoopbackPanel(int buttons, Channel channel, Clock clock) {
        if (buttons < 1 || buttons > 9) {
            throw new IllegalArgumentException("a panel has 1 to 9 buttons, not " + buttons);
        }
        this.buttons = buttons;
        this.channel = Objects.requireNonNull(channel);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public synchronized void start(PressHandler handler) {
        this.handler = Objects.requireNonNull(handler);
    }

    /** Presses button {@code button} (1..N) and returns what the kiosk did with it. */
    public synchronized PressOutcome press(int button) {
        if (handler == null || closed) {
            throw new IllegalStateException("the panel is not started");
        }
        if (button < 1 || button > buttons) {
            throw new IllegalArgumentException("this panel has buttons 1.." + buttons + ", not " + button);
        }
        deviceSeq = (deviceSeq + 1) & 0xFFFF;
        PressOutcome outcome = handler.onPress(new Press(button, deviceSeq, clock.instant(), channel));
        if (outcome == PressOutcome.STORED) {
            acknowledged.add(deviceSeq);
        }
        return outcome;
    }

    /** Device sequence numbers of the presses the kiosk confirmed as stored, in order. */
    public synchronized List<Integer> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public int buttons() {
        return buttons;
    }

    @Override
    public synchronized PanelStatus status() {
        return closed ? new PanelStatus(PanelState.OFFLINE, "closed") : new PanelStatus(PanelState.OK, "simulated panel");
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
