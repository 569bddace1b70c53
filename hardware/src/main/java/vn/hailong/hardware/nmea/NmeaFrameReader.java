package vn.hailong.hardware.nmea;

import java.nio.charset.StandardCharsets;

/**
 * Splits a panel's byte stream into checksummed frames. Anything else is dropped with its reason, and the
 * reader always resynchronises on the next {@code $}: a {@code $} inside a frame starts a new one. Only a
 * complete {@code $BODY*CS\r\n} of at most 82 bytes, printable body, matching checksum, is delivered.
 */
public final class NmeaFrameReader {
    private enum State { OUTSIDE, BODY, CS1, CS2, CR, LF }

    private final FrameListener listener;
    private final byte[] frame = new byte[Nmea.MAX_FRAME];
    private int length;
    private int bodyEnd;
    private int given;
    private State state = State.OUTSIDE;
    private int noise;

    public NmeaFrameReader(FrameListener listener) {
        this.listener = listener;
    }

    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i]);
        }
        flushNoise();
    }

    private void accept(byte b) {
        if (b == '$') {
            flushNoise();
            if (state != State.OUTSIDE) {
                listener.dropped(DropReason.MALFORMED, 1);
            }
            state = State.BODY;
            length = 0;
            frame[length++] = b;
            return;
        }
        if (state == State.OUTSIDE) {
            noise++;
            return;
        }
        if (length == Nmea.MAX_FRAME) {
            listener.dropped(DropReason.OVERSIZE, 1);
            state = State.OUTSIDE;
            return;
        }
        frame[length++] = b;
        switch (state) {
            case BODY -> {
                if (b == '*') {
                    bodyEnd = length - 1;
                    state = State.CS1;
                } else if (b < 0x20 || b > 0x7E) {
                    malformed();
                }
            }
            case CS1 -> {
                int v = hex(b);
                if (v < 0) {
                    malformed();
                } else {
                    given = v << 4;
                    state = State.CS2;
                }
            }
            case CS2 -> {
                int v = hex(b);
                if (v < 0) {
                    malformed();
                } else {
                    given |= v;
                    state = State.CR;
                }
            }
            case CR -> {
                if (b == '\r') {
                    state = State.LF;
                } else {
                    malformed();
                }
            }
            case LF -> {
                state = State.OUTSIDE;
                if (b != '\n') {
                    listener.dropped(DropReason.MALFORMED, 1);
                } else if (Nmea.checksum(frame, 1, bodyEnd) != given) {
                    listener.dropped(DropReason.BAD_CHECKSUM, 1);
                } else {
                    listener.frame(new String(frame, 1, bodyEnd - 1, StandardCharsets.US_ASCII));
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void malformed() {
        listener.dropped(DropReason.MALFORMED, 1);
        state = State.OUTSIDE;
    }

    private void flushNoise() {
        if (noise > 0) {
            listener.dropped(DropReason.NOISE, noise);
            noise = 0;
        }
    }

    /** Upper-case hex digits only, as the protocol writes them. */
    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
