package vn.hailong.kiosk.outbox;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.kiosk.session.RatingSessions;

/**
 * The kiosk's outbox (hàng đợi gửi): every recorded event, in seq order, with the exact JSON it is sent as.
 * A row is PENDING until the server answers for it, then SENT or REJECTED (final, kept, never resent).
 * A new event is committed to H2 (in the file at once: {@code WRITE_DELAY=0}, so a killed process keeps it) and
 * written to the {@link PressJournal} (forced to the disk, so a power cut keeps it); at start the journal's
 * events H2 lost are stored again.
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
    private final RatingSessions sessions;
    private final String journalFile;
    /** Held from an event's commit to its journal record, and while the journal is reset (see makeDurable). */
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Null when there is none (the installer's check, or it could not be opened): each event then forces H2. */
    private PressJournal journal;
    /**
     * Whether the journal's events are in the database. Until they are, no event is appended: it would take the seq
     * of a journaled event the database lost.
     */
    private boolean recovered;

    public OutboxStore(JdbcOperations jdbc, TransactionOperations<Connection> tx, DataSource pool, RatingSessions sessions,
                       @Property(name = "hailong.outbox.journal-file", defaultValue = "") String journalFile) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.pool = pool;
        this.sessions = sessions;
        this.journalFile = journalFile;
    }

    /** Opens the journal, and stores its events the database lost (see {@link #recover}). */
    @PostConstruct
    void openJournal() {
        if (!journalFile.isBlank()) {
            try {
                journal = PressJournal.open(Path.of(journalFile), PressJournal.DEFAULT_CAPACITY);
            } catch (IOException | RuntimeException e) {
                LOG.error("the outbox journal {} cannot be opened ({}): each event forces the database file instead",
                        journalFile, e.toString());
            }
        }
        appendLock.lock();
        try {
            recover();
        } catch (RuntimeException e) {
            // the kiosk still starts (the officer sees why presses fail); the next press tries again first
            LOG.error("the outbox journal's events could not be stored in the database yet: {}", e.toString());
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Stores again the journal's events that H2's file lost (a power cut after the press was confirmed), with the
     * dossier sessions they closed; then H2's file is forced and the journal starts afresh. Under the append lock.
     */
    private void recover() {
        if (recovered) {
            return;
        }
        if (journal == null) {
            recovered = true;
            return;
        }
        List<PressJournal.Entry> entries = journal.entries();
        int restored = entries.isEmpty() ? 0 : tx.executeWrite(status -> {
            long covered = jdbc.prepareStatement("SELECT covered_seq FROM seq_counter WHERE id = 1", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            java.util.LongSummaryStatistics seqs = entries.stream().mapToLong(PressJournal.Entry::seq).summaryStatistics();
            Map<Long, String> storedIds = storedEventIds(seqs.getMin(), seqs.getMax());
            int n = 0;
            for (PressJournal.Entry e : entries) {
                String stored = storedIds.get(e.seq());
                if (stored != null || e.seq() <= covered) {
                    if (stored != null && !stored.equals(e.eventId())) {
                        LOG.error("journal holds event {} as seq {}, the outbox holds {} there: the outbox's is kept",
                                e.eventId(), e.seq(), stored);
                    }
                    continue;
                }
                insert(e);
                if (e.closesSession() != null) {
                    sessions.closeInTransaction(e.closesSession());
                }
                jdbc.prepareStatement("UPDATE seq_counter SET last_seq = ? WHERE id = 1 AND last_seq < ?", ps -> {
                    ps.setLong(1, e.seq());
                    ps.setLong(2, e.seq());
                    return ps.executeUpdate();
                });
                n++;
            }
            return n;
        });
        if (restored > 0) {
            LOG.warn("{} of the {} events in the outbox journal were missing from the database (a power cut?) and "
                    + "are stored again", restored, entries.size());
        }
        recovered = true;
        forceAndForget();
    }

    @PreDestroy
    void closeJournal() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }

    /** The event ids the outbox holds from seq {@code from} to {@code to}: the journal's span, in one query. */
    private Map<Long, String> storedEventIds(long from, long to) {
        return jdbc.prepareStatement("SELECT seq, event_id FROM outbox WHERE seq BETWEEN ? AND ?", ps -> {
            ps.setLong(1, from);
            ps.setLong(2, to);
            Map<Long, String> ids = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getLong(1), rs.getString(2));
                }
            }
            return ids;
        });
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
     * from (or null), whether it is held back from sending until {@link #release} (a dissatisfied rating
     * waiting for its reasons), and the dossier session it answers, closed in the same transaction (or null).
     */
    public record Draft(String eventId, String type, LongFunction<String> bodyForSeq, Instant at, PanelPress press,
                        boolean held, String closesSession) {
    }

    public long appendDurably(String eventId, String type, LongFunction<String> bodyForSeq, Instant now) {
        return appendDurably(new Draft(eventId, type, bodyForSeq, now, null, false, null));
    }

    /**
     * Stores one event with the next seq, closing the dossier session it answers in the same transaction, and
     * makes it durable: when this returns the event survives a process kill and a power cut.
     *
     * @return the seq given to the event
     */
    public long appendDurably(Draft draft) {
        appendLock.lock();
        try {
            recover();
            PressJournal.Entry entry = tx.executeWrite(status -> {
                jdbc.prepareStatement("UPDATE seq_counter SET last_seq = last_seq + 1 WHERE id = 1", ps -> ps.executeUpdate());
                long next = jdbc.prepareStatement("SELECT last_seq FROM seq_counter WHERE id = 1", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                PressJournal.Entry e = new PressJournal.Entry(next, draft.eventId(), draft.type(),
                        draft.bodyForSeq().apply(next), draft.held() ? HELD : PENDING, draft.at(),
                        draft.press() == null ? null : draft.press().deviceSeq(),
                        draft.press() == null ? null : draft.press().readAt(), draft.closesSession());
                insert(e);
                if (draft.closesSession() != null) {
                    sessions.closeInTransaction(draft.closesSession());
                }
                return e;
            });
            makeDurable(entry);
            return entry.seq();
        } catch (RuntimeException e) {
            reopenAfterFailure(e);
            throw e;
        } finally {
            appendLock.unlock();
        }
    }

    private void insert(PressJournal.Entry e) {
        jdbc.prepareStatement("INSERT INTO outbox (seq, event_id, event_type, body, status, created_at, device_seq, "
                + "panel_read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setLong(1, e.seq());
            ps.setString(2, e.eventId());
            ps.setString(3, e.type());
            ps.setString(4, e.body());
            ps.setString(5, e.status());
            ps.setObject(6, e.createdAt().atOffset(ZoneOffset.UTC));
            if (e.deviceSeq() == null) {
                ps.setNull(7, java.sql.Types.INTEGER);
                ps.setNull(8, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setInt(7, e.deviceSeq());
                ps.setObject(8, e.panelReadAt().atOffset(ZoneOffset.UTC));
            }
            return ps.executeUpdate();
        });
    }

    /**
     * Puts a committed event on the disk: a journal record forced (a write to blocks that already exist), or, when
     * the journal is full or missing, H2's file forced. Past half full the journal is emptied into H2's file
     * (forced), once in some thousand events. The row is committed either way, so a failure here is logged, not
     * turned into "not recorded" (which would invite a second, double-counted press).
     */
    private void makeDurable(PressJournal.Entry entry) {
        try {
            if (journal != null && journal.append(entry)) {
                if (journal.halfFull()) {
                    forceAndForget();
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("event seq {} is committed but its journal record failed ({}); forcing the database file instead",
                    entry.seq(), e.toString());
        }
        forceAndForget();
    }

    /**
     * Forces H2's file to the disk, then empties the journal, whose events the file now holds. The caller holds
     * the append lock, or nobody appends yet: an event committed but not yet journaled would otherwise be
     * forgotten by the reset while the forced file might have missed it.
     */
    private void forceAndForget() {
        if (!forceToDisk()) {
            return;
        }
        try {
            if (journal != null) {
                journal.reset();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the outbox journal could not be emptied ({}); its events are stored again at the next start "
                    + "only where the database lacks them", e.toString());
        }
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
        if (!forceToDisk()) {
            LOG.error("rating seq {} was released but forcing it to the disk failed", seq);
        }
        return updated == 1;
    }

    /** Lets every held event go as it is (at start-up: the prompt that held them is gone). */
    public int releaseAllHeld() {
        return tx.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE outbox SET status = 'PENDING' WHERE status = 'HELD'", ps -> ps.executeUpdate()));
    }

    /** WRITE_DELAY=0 put every commit in the file; CHECKPOINT SYNC makes the OS put the file on the disk. */
    private boolean forceToDisk() {
        try {
            tx.executeWrite(status -> jdbc.prepareStatement("CHECKPOINT SYNC", ps -> ps.execute()));
            return true;
        } catch (RuntimeException e) {
            LOG.error("forcing the outbox database to the disk failed; a power cut now could lose what it holds", e);
            return false;
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
