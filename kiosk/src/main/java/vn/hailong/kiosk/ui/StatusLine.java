package vn.hailong.kiosk.ui;

import java.time.Instant;
import vn.hailong.hardware.panel.PanelStatus;
import vn.hailong.kiosk.outbox.SyncProblem;

/** What the officer's line at the bottom of the screen shows. */
public record StatusLine(String terminalId, long pending, Instant lastSyncAt, SyncProblem lastError,
                         Long clockSkewSeconds, PanelStatus panel) {
}
