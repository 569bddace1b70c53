package vn.hailong.hardware.panel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Rating buttons played on a keyboard: keys {@code 1..N} are buttons {@code 1..N}, every other key is ignored.
 * The screen that owns the keyboard forwards keys here. A key within the debounce time of the previous
 * delivered one (auto-repeat, a held key) is dropped, as the serial panels' digits mode does.
 */
public final class KeyboardPanel implements Panel {
    private final int buttons;
    private final Duration debounce;
    private final Clock clock;
    private PressHandler handler;
    private Instant lastDelivered;
    private long debounced;

    public KeyboardPanel(int buttons, Duration debounce, Clock clock) {
        if (buttons < 1 || buttons > 9) {
            throw new IllegalArgumentException("a panel has 1 to 9 buttons, not " + buttons);
        }
        this.buttons = buttons;
        this.debounce = Objects.requireNonNull(debounce);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public synchronized void start(PressHandler handler) {
        this.handler = Objects.requireNonNull(handler);
    }

    /** Handles a typed character: empty when it is not a button key or was debounced. */
    public synchronized Optional<PressOutcome> key(char c) {
        if (handler == null || c < '1' || c > (char) ('0' + buttons)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (lastDelivered != null && Duration.between(lastDelivered, now).compareTo(debounce) < 0) {
            debounced++;
            return Optional.empty();
        }
        lastDelivered = now;
        return Optional.of(handler.onPress(new Press(c - '0', Press.NO_DEVICE_SEQ, now, Channel.KEYBOARD)));
    }

    /** Keys dropped by the debounce, for diagnostics. */
    public synchronized long debounced() {
        return debounced;
    }

    @Override
    public PanelStatus status() {
        return new PanelStatus(PanelState.NONE, "keyboard keys 1-" + buttons + " act as the rating buttons");
    }

    @Override
    public void close() {
        // the keyboard belongs to the screen; nothing to release here
    }
}
