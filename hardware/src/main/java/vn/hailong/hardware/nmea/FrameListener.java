package vn.hailong.hardware.nmea;

/** Receives what a {@link NmeaFrameReader} makes of the byte stream. */
public interface FrameListener {
    /** A frame with a matching checksum: its body, without {@code $}, {@code *} and checksum. */
    void frame(String body);

    /** {@code count} bytes or frames were dropped for {@code reason}. */
    void dropped(DropReason reason, int count);
}
