package vn.hailong.hardware.panel;

import java.time.Instant;

/**
 * One press of a rating button as a panel delivers it: button {@code 1..N} (1 = the lowest), the panel's own
 * sequence number when it has one ({@code -1} otherwise), when it was read, and through which channel.
 */
public record Press(int button, int deviceSeq, Instant readAt, Channel channel) {
    public static final int NO_DEVICE_SEQ = -1;
}
