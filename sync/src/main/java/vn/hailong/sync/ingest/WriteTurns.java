package vn.hailong.sync.ingest;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Whose turn it is to write a batch in this server. A first try shares its turn with the other writers; a try after
 * losing a race to another writer (a row both inserted, a deadlock) waits until the writers in the database have
 * finished and runs alone, so it cannot lose again to a writer of this server (servers sharing PostgreSQL add to
 * the roll-ups with {@code ON CONFLICT}, which does not race so). Without this, a batch could lose every try while
 * others kept creating the same new roll-up rows: H2's {@code MERGE} is not atomic against a concurrent insert of
 * the same key, and eight terminals of two agencies sending surveys at once made one batch lose five tries in a row
 * (500). Fair, so a batch waiting to run alone is not overtaken by later first tries.
 */
final class WriteTurns {
    /** A turn taken; closing it gives it back. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /**
     * Waits up to {@code seconds} for a turn: shared with other writers, or alone.
     *
     * @return the turn, or null when none came in time
     */
    Turn take(boolean alone, long seconds) throws InterruptedException {
        Lock l = alone ? lock.writeLock() : lock.readLock();
        return l.tryLock(seconds, TimeUnit.SECONDS) ? l::unlock : null;
    }

    /** Whether a batch is writing alone now (for its test). */
    boolean writingAlone() {
        return lock.isWriteLocked();
    }
}
