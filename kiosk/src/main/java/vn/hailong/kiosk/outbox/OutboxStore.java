package vn.hailong.kiosk.outbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's outbox (hàng đợi gửi): every recorded event, in seq order, with the exact JSON it is sent as.
 * A row is PENDING until the server answers for it, then SENT or REJECTED (final, kept, never resent).
 */
@Singleton
public class OutboxStore {
    static final String PENDING = "PENDING";
    static final String HELD = "HELD";
    static final String SENT = "SENT";
    static final String REJECTED = "REJECTED";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxStore.class);
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final DataSource pool;

    public OutboxStore(JdbcOperations jdbc, TransactionOperations<Connection> tx, DataSource pool) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.pool = pool;
    }

    /**
     * After a write failed (disk full, I/O error), H2 keeps its store in the failed state and answers every later
     * call with the same error, even once space is back. Closing the pool's connections closes that database, so
     * the next press opens the file afresh: service resumes by itself when the disk has room again.
     */
    private void reopenAfterFailure(RuntimeException failure) {
        LOG.error("storing failed ({}): the database will be opened again for the next press", failure.getMessage());
        try {
            pool.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        } catch (RuntimeException | java.sql.SQLException e) {
            LOG.warn("could not close the database connections after a failure", e);
        }
    }

    /** A hardware press a stored event came from: the panel's devseq and when the kiosk read it. */
    public record PanelPress(int deviceSeq, Instant readAt) {
    }

    /** Panel presses stored since {@code since}, oldest first: what the driver must not deliver again. */
    public List<PanelPress> panelPressesSince(Instant since) {
        return tx.executeRead(status -> jdbc.prepareStatement("SELECT device_seq, panel_read_at FROM outbox "
                + "WHERE panel_read_at >= ? AND device_seq IS NOT NULL ORDER BY seq", ps -> {
                    ps.setObject(1, since.atOffset(ZoneOffset.UTC));
                    List<PanelPress> presses = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            presses.add(new PanelPress(rs.getInt(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
                        }
                    }
                    return presses;
                }));
    }

    /** An event waiting to be sent. */
    public record PendingEvent(long seq, String eventId, String body) {
    }

    /**
     * An event to store: its id and type, its JSON made from the seq it gets, when, the panel press it came
     * from (or null), and whether it is held back from sending until {@link #release} (a dissatisfied rating
     * waiting for its reasons).
     */
    public record Draft(String eventId, String type, LongFunction<String> bodyForSeq, Instant at, PanelPress press,
                        boolean held) {
    }

    public long appendDurably(String eventId, String type, LongFunction<String> bodyForSeq, Instant now) {
        return appendDurably(new Draft(eventId, type, bodyForSeq, now, null, false), () -> { });
    }

    /**
     * Stores one event with the next seq, and runs {@code sameTransaction} in the same transaction (closing the
     * dossier session the rating answers), then forces the database file to the disk: when this returns the
     * event survives a process kill and a power cut.
     *
     * @return the seq given to the event
     */
    public long appendDurably(Draft draft, Runnable sameTransaction) {
        try {
            return appendAndForce(draft, sameTransaction);
        } catch (RuntimeException e) {
            reopenAfterFailure(e);
            throw e;
        }
    }

    private long appendAndForce(Draft draft, Runnable sameTransaction) {
        long seq = tx.executeWrite(status -> {
            jdbc.prepareStatement("UPDATE seq_counter SET last_seq = last_seq + 1 WHERE id = 1", ps -> ps.executeUpdate());
            long next = jdbc.prepareStatement("SELECT last_seq FROM seq_counter WHERE id = 1", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            jdbc.prepareStatement("INSERT INTO outbox (seq, event_id, event_type, body, status, created_at, device_seq, "
                    + "panel_read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setLong(1, next);
                ps.setString(2, draft.eventId());
                ps.setString(3, draft.type());
                ps.setString(4, draft.bodyForSeq().apply(next));
                ps.setString(5, draft.held() ? HELD : PENDING);
                ps.setObject(6, draft.at().atOffset(ZoneOffset.UTC));
                if (draft.press() == null) {
                    ps.setNull(7, java.sql.Types.INTEGER);
                    ps.setNull(8, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setInt(7, draft.press().deviceSeq());
                    ps.setObject(8, draft.press().readAt().atOffset(ZoneOffset.UTC));
                }
                return ps.executeUpdate();
            });
            sameTransaction.run();
            return next;
        });
        forceToDisk(seq);
        return seq;
    }

    /**
     * Lets a held event go, with its final JSON (a rating with the reasons the citizen chose). Only a held
     * event changes: once it may be sent it never changes again.
     *
     * @return whether the event was still held
     */
    public boolean release(long seq, String finalBody) {
        int updated = tx.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE outbox SET body = ?, status = 'PENDING' WHERE seq = ? AND status = 'HELD'", ps -> {
                    ps.setString(1, finalBody);
                    ps.setLong(2, seq);
                    return ps.executeUpdate();
                }));
        forceToDisk(seq);
        return updated == 1;
    }

    /** Lets every held event go as it is (at start-up: the prompt that held them is gone). */
    public int releaseAllHeld() {
        return tx.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE outbox SET status = 'PENDING' WHERE status = 'HELD'", ps -> ps.executeUpdate()));
    }

    // WRITE_DELAY=0 put the commit in the file; CHECKPOINT SYNC makes the OS put the file on the disk.
    // The row is committed either way, so a failure here is logged, not turned into "not recorded"
    // (which would invite a second, double-counted press).
    private void forceToDisk(long seq) {
        try {
            tx.executeWrite(status -> jdbc.prepareStatement("CHECKPOINT SYNC", ps -> ps.execute()));
        } catch (RuntimeException e) {
            LOG.error("event seq {} is committed but forcing it to the disk failed; a power cut now could lose it", seq, e);
        }
    }

    /** The oldest pending events, at most {@code limit}, in seq order, stopping before the first held one. */
    public List<PendingEvent> pending(int limit) {
        return tx.executeRead(status -> jdbc.prepareStatement(
                "SELECT seq, event_id, body FROM outbox WHERE status = 'PENDING' AND seq < COALESCE("
                        + "(SELECT MIN(seq) FROM outbox WHERE status = 'HELD'), 9223372036854775807) ORDER BY seq LIMIT ?", ps -> {
                    ps.setInt(1, limit);
                    List<PendingEvent> events = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            events.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                    return events;
                }));
    }

    /**
     * Records the server's answer to a batch: the rejected events with their reasons, every other one sent, and
     * how far the server says it holds this terminal's events without a gap.
     */
    public void markAnswered(Collection<Long> seqs, Map<Long, String> rejected, long highestContiguousSeq, Instant now) {
        tx.executeWrite(status -> {
            jdbc.prepareStatement("UPDATE seq_counter SET covered_seq = ? WHERE id = 1 AND covered_seq < ?", ps -> {
                ps.setLong(1, highestContiguousSeq);
                ps.setLong(2, highestContiguousSeq);
                return ps.executeUpdate();
            });
            jdbc.prepareStatement("UPDATE outbox SET status = ?, reject_reason = ?, sent_at = ? "
                    + "WHERE seq = ? AND status = 'PENDING'", ps -> {
                for (long seq : seqs) {
                    String reason = rejected.get(seq);
                    ps.setString(1, reason == null ? SENT : REJECTED);
                    ps.setString(2, reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason);
                    ps.setObject(3, now.atOffset(ZoneOffset.UTC));
                    ps.setLong(4, seq);
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
            return null;
        });
    }

    /** Events in any of these states, counted in one query (so an event moving between them is counted once). */
    public long count(String... states) {
        String in = String.join(", ", java.util.Collections.nCopies(states.length, "?"));
        return tx.executeRead(status -> jdbc.prepareStatement("SELECT COUNT(*) FROM outbox WHERE status IN (" + in + ")",
                ps -> {
                    for (int i = 0; i < states.length; i++) {
                        ps.setString(i + 1, states[i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    /** The last seq handed out: how many events this terminal has ever recorded. */
    public long lastSeq() {
        return tx.executeRead(status -> jdbc.prepareStatement("SELECT last_seq FROM seq_counter WHERE id = 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    /**
     * Events not yet answered by the server: pending and held, in one query. (Two counts in two transactions
     * missed an event released from held to pending between them: PressToDurableBenchmark saw 10,499 of 10,500.)
     */
    public long pendingCount() {
        return count(PENDING, HELD);
    }

    /**
     * Deletes sent events older than {@code cutoff} that the server covers (seq up to its highestContiguousSeq).
     * Pending, held and rejected events are never pruned.
     *
     * @return how many were deleted
     */
    public int pruneSent(Instant cutoff) {
        return tx.executeWrite(status -> jdbc.prepareStatement("DELETE FROM outbox WHERE status = 'SENT' AND sent_at < ? "
                + "AND seq <= (SELECT covered_seq FROM seq_counter WHERE id = 1)", ps -> {
                    ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                    return ps.executeUpdate();
                }));
    }

    /**
     * Queues every sent event again, for recovery when the server lost data (restored from an old backup): the
     * server counts what it already has as duplicates, so nothing is counted twice.
     *
     * @return how many events were queued again
     */
    public int requeueSent() {
        return tx.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE outbox SET status = 'PENDING', sent_at = NULL WHERE status = 'SENT'", ps -> ps.executeUpdate()));
    }
}
