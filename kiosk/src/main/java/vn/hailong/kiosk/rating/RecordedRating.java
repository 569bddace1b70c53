package vn.hailong.kiosk.rating;

import java.time.Instant;

/**
 * A rating that is durably stored on the terminal: safe to confirm to the citizen. {@code dossierCode} is set
 * when a session bound it; {@code awaitingReasons} when it is dissatisfied and held for the citizen's reasons.
 */
public record RecordedRating(long seq, String eventId, int scale, int value, Instant at, String dossierCode,
                             boolean awaitingReasons) {
}
