package vn.hailong.kiosk.rating;

import java.time.Instant;

/** A rating that is durably stored on the terminal: safe to confirm to the citizen. */
public record RecordedRating(long seq, String eventId, int scale, int value, Instant at) {
}
