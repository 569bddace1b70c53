package vn.hailong.kiosk.rating;

/** Why a press was not recorded. */
public enum Refusal {
    /** An unbound press came sooner than the minimum interval after the previous one. */
    TOO_SOON,
    /** The button is not on the configured scale. */
    NOT_ON_SCALE,
    /** The terminal could not store it (disk full, database failure): nothing was confirmed. */
    STORAGE_FAILED
}
