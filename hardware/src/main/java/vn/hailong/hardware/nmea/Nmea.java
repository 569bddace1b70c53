package vn.hailong.hardware.nmea;

import java.nio.charset.StandardCharsets;

/** Frames of the panel protocol: {@code $BODY*CS\r\n}, CS the XOR of the body bytes in two upper-case hex digits. */
public final class Nmea {
    /** The longest frame, from {@code $} to {@code \n} inclusive. */
    public static final int MAX_FRAME = 82;

    private Nmea() {
    }

    public static int checksum(byte[] body, int from, int to) {
        int cs = 0;
        for (int i = from; i < to; i++) {
            cs ^= body[i] & 0xFF;
        }
        return cs;
    }

    /** The frame for {@code body} (without {@code $} and {@code *}), ready to write. */
    public static byte[] frame(String body) {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        return String.format("$%s*%02X\r\n", body, checksum(b, 0, b.length)).getBytes(StandardCharsets.US_ASCII);
    }
}
