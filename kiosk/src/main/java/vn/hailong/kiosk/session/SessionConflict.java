package vn.hailong.kiosk.session;

/** Another session is open: it must be answered, expire or be cancelled first. */
public class SessionConflict extends RuntimeException {
    private final RatingSession open;

    public SessionConflict(RatingSession open) {
        super("a session for dossier " + open.dossierCode() + " is open until " + open.expiresAt()
                + ": cancel it (DELETE /api/v1/session) or wait", null, false, false);
        this.open = open;
    }

    public RatingSession open() {
        return open;
    }
}
