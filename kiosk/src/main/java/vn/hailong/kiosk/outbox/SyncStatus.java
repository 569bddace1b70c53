package vn.hailong.kiosk.outbox;

import jakarta.inject.Singleton;
import java.time.Instant;

/** What the officer's status line shows about syncing: last success, last error in words, clock skew. */
@Singleton
public class SyncStatus {
    /** A consistent view of the sync state at one moment. */
    public record Snapshot(Instant lastSyncAt, SyncProblem lastError, String lastErrorDetail, Long clockSkewSeconds,
                           boolean serverReachable) {
    }

    private Snapshot current = new Snapshot(null, null, null, null, false);

    public synchronized Snapshot snapshot() {
        return current;
    }

    synchronized void succeeded(Instant at, Long clockSkewSeconds) {
        current = new Snapshot(at, null, null, clockSkewSeconds, true);
    }

    /** The server answered a heartbeat: reachable, with its clock, whatever the last send said. */
    synchronized void reachable(Long clockSkewSeconds) {
        current = new Snapshot(current.lastSyncAt(), current.lastError(), current.lastErrorDetail(),
                clockSkewSeconds != null ? clockSkewSeconds : current.clockSkewSeconds(), true);
    }

    synchronized void failed(SyncProblem problem, String detail, boolean serverReachable, Long clockSkewSeconds) {
        current = new Snapshot(current.lastSyncAt(), problem, detail, clockSkewSeconds != null ? clockSkewSeconds
                : current.clockSkewSeconds(), serverReachable);
    }
}
