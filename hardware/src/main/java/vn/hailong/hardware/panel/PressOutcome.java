package vn.hailong.hardware.panel;

/**
 * What the kiosk did with a press. A panel acknowledges and lights the LED only for {@link #STORED}: the
 * kiosk says so after the rating is durably stored, never before.
 */
public enum PressOutcome {
    /** Durably stored: confirm to the citizen. */
    STORED,
    /** Not recorded (rate limit, button outside the scale, storage failure): acknowledged to the panel, not confirmed. */
    REFUSED
}
