package vn.hailong.hardware.nmea;

/** Why bytes from a panel were dropped instead of delivered. */
public enum DropReason {
    /** Bytes outside any frame. Counted per byte. */
    NOISE,
    /** A well-formed frame whose checksum does not match its body. */
    BAD_CHECKSUM,
    /** A frame longer than 82 bytes. */
    OVERSIZE,
    /** A frame cut short by a new {@code $}, or broken ({@code *}, hex or CR LF missing, a control byte). */
    MALFORMED,
    /** A checksummed frame whose sentence is unknown or whose fields are wrong. */
    UNKNOWN_SENTENCE
}
