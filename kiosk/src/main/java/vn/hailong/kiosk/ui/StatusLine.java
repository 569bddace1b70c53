package vn.hailong.kiosk.ui;

import java.time.Instant;
import vn.hailong.hardware.panel.PanelDiagnostics;
import vn.hailong.hardware.panel.PanelStatus;
import vn.hailong.kiosk.outbox.SyncProblem;
import vn.hailong.kiosk.session.RatingSession;

/**
 * What the officer's line at the bottom of the screen shows, and the technical details behind F2. Fields
 * after {@code panel} may be null where there is nothing to say.
 */
public record StatusLine(String terminalId, long pending, Instant lastSyncAt, SyncProblem lastError,
                         Long clockSkewSeconds, PanelStatus panel, String serverUrl, String lastErrorDetail,
                         PanelDiagnostics diagnostics, RatingSession session, String storageFailure, long rejected) {

    public StatusLine(String terminalId, long pending, Instant lastSyncAt, SyncProblem lastError, Long clockSkewSeconds,
                      PanelStatus panel) {
        this(terminalId, pending, lastSyncAt, lastError, clockSkewSeconds, panel, null, null, null, null, null, 0);
    }

    /** The same, with the dossier session the citizen screen names. */
    public StatusLine withSession(RatingSession open) {
        return new StatusLine(terminalId, pending, lastSyncAt, lastError, clockSkewSeconds, panel, serverUrl,
                lastErrorDetail, diagnostics, open, storageFailure, rejected);
    }
}
