package vn.hailong.kiosk.session;

import java.time.Instant;

/**
 * A rating session (phiên đánh giá): the next press is bound to this dossier (hồ sơ) and closes it; unanswered,
 * it expires and records nothing.
 */
public record RatingSession(String sessionId, String dossierCode, String officerId, String procedureCode,
                            Instant openedAt, Instant expiresAt) {
}
