package vn.hailong.sync.ingest;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.hailong.sync.StatementBatches;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.api.SqlStates;
import vn.hailong.sync.rollup.DossierRollup;
import vn.hailong.sync.rollup.Place;
import vn.hailong.sync.rollup.RatingRollup;
import vn.hailong.sync.rollup.SurveyRollup;
import vn.hailong.sync.rollup.SurveyTally;

/**
 * Writes one batch's judged events in one transaction. A terminal's batches are applied one at a time, also
 * across server instances on one database: the transaction first locks the terminal's row, so what it reads of
 * the terminal's earlier events includes everything committed before it, and its contiguous-seq scan sees
 * every earlier batch. The database stays the arbiter across terminals: a writer of the same event id under another
 * terminal, or of a counted rating for the same dossier ({@code uq_rating_counted_dossier}), makes this
 * transaction fail with a unique violation, and {@link BatchIngest} runs it again.
 */
@Singleton
public class EventStore {
    private static final List<String> EVENT_COLUMNS = List.of("event_id", "terminal_id", "seq", "event_type", "status",
            "reject_reason", "content_hash", "received_at");
    private static final List<String> SURVEY_COLUMNS = List.of("event_id", "terminal_id", "seq", "at_instant",
            "local_date", "local_month", "agency_code", "counter_code", "officer_id", "procedure_code", "dossier_code",
            "answers", "assessments", "expectations");
    private static final List<String> RATING_COLUMNS = List.of("event_id", "terminal_id", "seq", "at_instant",
            "local_date", "local_month", "agency_code", "counter_code", "officer_id", "procedure_code", "dossier_code",
            "scale", "rating_value", "rating_class", "channel", "reasons", "counted", "counted_dossier");

    private final JdbcOperations jdbc;
    private final StatementBatches batches;
    private final RecentDossiers recentDossiers;
    private final RatingRollup rollup;
    private final DossierRollup dossierRollup;
    private final SurveyRollup surveyRollup;
    private final SurveyTally surveyTally;

    public EventStore(JdbcOperations jdbc, StatementBatches batches, RecentDossiers recentDossiers, RatingRollup rollup,
                      DossierRollup dossierRollup, SurveyRollup surveyRollup, SurveyTally surveyTally) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.recentDossiers = recentDossiers;
        this.rollup = rollup;
        this.dossierRollup = dossierRollup;
        this.surveyRollup = surveyRollup;
        this.surveyTally = surveyTally;
    }

    /** What became of a batch: counts, rejections in event order, and the terminal's contiguous seq. */
    public record Applied(int accepted, int duplicates, List<Rejection> rejected, long highestContiguousSeq) {
    }

    private record Known(String contentHash, boolean rejected, String reason) {
    }

    /** A stored event of the terminal at one of the batch's seqs. */
    private record AtSeq(String eventId, Known known) {
    }

    /**
     * Applies a batch. On its first try ({@code lookUpAll} false) it asks only the terminal's own events at the
     * batch's seqs (one index range scan): an event found there at its seq is known, and an id found nowhere there is
     * taken for new. Where that is wrong (the id was stored under another seq or by another terminal) the insert
     * fails on the id's unique key, the transaction rolls back, and {@link BatchIngest} applies the batch again with
     * every id looked up. The answers are the same either way; the usual batch, all of whose events are new, is
     * spared a look-up of 500 ids. Its dossiers are handled alike, under a savepoint
     * ({@link #storeRatingsOfNewDossiers}); with {@code lookUpAll} they are looked up first.
     */
    @Transactional
    public Applied apply(String terminalId, List<JudgedEvent> events, Instant receivedAt, Long clockSkewSeconds,
                         boolean lookUpAll) {
        long contiguous = lockTerminal(terminalId);
        Map<Long, AtSeq> atSeqs = atSeqs(terminalId, events);
        Map<String, Known> known = knownEvents(lookUpAll ? ids(events) : idsNotSettledBySeq(events, atSeqs));
        Map<Long, String> takenSeqs = new HashMap<>();
        atSeqs.forEach((seq, stored) -> {
            takenSeqs.put(seq, stored.eventId());
            known.putIfAbsent(stored.eventId(), stored.known());
        });
        List<JudgedEvent> toStore = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        for (JudgedEvent e : events) {
            Known k = e.id() == null ? null : known.get(e.id());
            if (k != null) {
                if (!k.contentHash().equals(e.contentHash())) {
                    rejected.add(new Rejection(e.id(), e.seq(), Rejection.CONFLICT, "id"));
                } else if (k.rejected()) {
                    rejected.add(new Rejection(e.id(), e.seq(), k.reason(), null));
                } else {
                    duplicates++;
                }
                continue;
            }
            if (e.seq() != null && takenSeqs.containsKey(e.seq())) {
                rejected.add(new Rejection(e.id(), e.seq(), Rejection.SEQ_CONFLICT, "seq"));
                continue;
            }
            if (e.isValid()) {
                accepted++;
            } else {
                rejected.add(new Rejection(e.id(), e.seq(), e.reason(), e.field()));
            }
            if (e.id() != null) {
                // Remembered even when rejected: a resend gets the same answer and the seq counts as covered.
                toStore.add(e);
                known.put(e.id(), new Known(e.contentHash(), !e.isValid(), e.reason()));
                if (e.seq() != null) {
                    takenSeqs.put(e.seq(), e.id());
                }
            }
        }
        insertEvents(terminalId, toStore, receivedAt);
        insertRatings(terminalId, toStore, lookUpAll);
        insertSurveys(terminalId, toStore);
        long highestStored = toStore.stream().filter(e -> e.seq() != null).mapToLong(JudgedEvent::seq).max().orElse(0);
        long highest = advanceContiguousSeq(terminalId, contiguous, highestStored, receivedAt, clockSkewSeconds);
        return new Applied(accepted, duplicates, rejected, highest);
    }

    private static List<String> ids(List<JudgedEvent> events) {
        Set<String> ids = new HashSet<>();
        for (JudgedEvent e : events) {
            if (e.id() != null) {
                ids.add(e.id());
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * The ids the terminal's own events at the batch's seqs do not settle: an event without a seq, or one whose seq
     * holds another id (its own id may be stored elsewhere, and being known answers before a taken seq does).
     */
    private static List<String> idsNotSettledBySeq(List<JudgedEvent> events, Map<Long, AtSeq> atSeqs) {
        Set<String> ids = new HashSet<>();
        for (JudgedEvent e : events) {
            AtSeq stored = e.seq() == null ? null : atSeqs.get(e.seq());
            if (e.id() != null && (e.seq() == null || stored != null && !stored.eventId().equals(e.id()))) {
                ids.add(e.id());
            }
        }
        return new ArrayList<>(ids);
    }

    private Map<String, Known> knownEvents(List<String> ids) {
        Map<String, Known> known = new HashMap<>();
        if (ids.isEmpty()) {
            return known;
        }
        String sql = "SELECT event_id, content_hash, status, reject_reason FROM sync_event WHERE event_id IN ("
                + placeholders(ids.size()) + ")";
        jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(1), new Known(rs.getString(2), "REJECTED".equals(rs.getString(3)),
                            rs.getString(4)));
                }
            }
            return null;
        });
        return known;
    }

    /**
     * The terminal's stored events at the batch's seqs. Asked as a range (a batch's seqs are
     * consecutive): H2 answers {@code terminal_id = ? AND seq IN (...)} by reading every event of the terminal,
     * which made a weeks-long backlog drain quadratic.
     */
    private Map<Long, AtSeq> atSeqs(String terminalId, List<JudgedEvent> events) {
        Set<Long> seqs = new HashSet<>();
        for (JudgedEvent e : events) {
            if (e.seq() != null) {
                seqs.add(e.seq());
            }
        }
        Map<Long, AtSeq> taken = new HashMap<>();
        if (seqs.isEmpty()) {
            return taken;
        }
        long min = java.util.Collections.min(seqs);
        long max = java.util.Collections.max(seqs);
        // a batch with far-apart seqs (a terminal re-sending old rejects with new events) is asked per seq
        boolean asRange = max - min < 10L * seqs.size() + 1000;
        String sql = "SELECT seq, event_id, content_hash, status, reject_reason FROM sync_event WHERE terminal_id = ? AND "
                + (asRange ? "seq BETWEEN ? AND ?" : "seq IN (" + placeholders(seqs.size()) + ")");
        List<Long> listed = new ArrayList<>(seqs);
        jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, terminalId);
            if (asRange) {
                ps.setLong(2, min);
                ps.setLong(3, max);
            } else {
                for (int i = 0; i < listed.size(); i++) {
                    ps.setLong(i + 2, listed.get(i));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (seqs.contains(rs.getLong(1))) {
                        taken.put(rs.getLong(1), new AtSeq(rs.getString(2), new Known(rs.getString(3),
                                "REJECTED".equals(rs.getString(4)), rs.getString(5))));
                    }
                }
            }
            return null;
        });
        return taken;
    }

    private void insertEvents(String terminalId, List<JudgedEvent> events, Instant receivedAt) {
        OffsetDateTime received = receivedAt.atOffset(ZoneOffset.UTC);
        batches.append("sync_event", EVENT_COLUMNS, events, (e, v) -> {
            v[0] = e.id();
            v[1] = terminalId;
            v[2] = e.seq();
            v[3] = e.type();
            v[4] = e.isValid() ? "STORED" : "REJECTED";
            v[5] = e.reason() == null ? null : truncate(e.reason(), 500);
            v[6] = e.contentHash();
            v[7] = received;
        });
    }

    private void insertSurveys(String terminalId, List<JudgedEvent> events) {
        List<SurveyEvent> surveys = events.stream().map(JudgedEvent::survey).filter(s -> s != null).toList();
        batches.append("survey", SURVEY_COLUMNS, surveys, (s, v) -> {
            v[0] = s.id();
            v[1] = terminalId;
            v[2] = s.seq();
            v[3] = s.at().withOffsetSameInstant(ZoneOffset.UTC);
            v[4] = LocalTime.localDate(s.at());
            v[5] = LocalTime.localMonth(s.at());
            v[6] = s.agencyCode();
            v[7] = s.counter();
            v[8] = s.officerId();
            v[9] = s.procedureCode();
            v[10] = s.dossierCode();
            v[11] = joined(s.answers());
            v[12] = joined(s.assessments());
            v[13] = expectations(s);
        });
        surveyRollup.add(surveys.stream().map(s -> new SurveyRollup.Survey(LocalTime.localDate(s.at()),
                s.agencyCode(), joined(s.answers()), joined(s.assessments()), expectations(s))).toList());
        surveyTally.add(surveys.stream().map(s -> new SurveyTally.Survey(new Place(LocalTime.localDate(s.at()),
                s.agencyCode(), s.counter(), s.officerId(), s.procedureCode(), terminalId), joined(s.answers()),
                joined(s.assessments()), expectations(s))).toList());
    }

    private static String expectations(SurveyEvent s) {
        return s.expectations().isEmpty() ? null : String.join(",", s.expectations());
    }

    /** {@code K=V,K=V}, or null when empty: compact, and read back by the SIPAS report. */
    private static String joined(Map<String, ?> values) {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }

    /** The rating that counts for a dossier: its first (earliest at, then smaller terminal id, then smaller seq). */
    private record First(String eventId, OffsetDateTime at, String terminalId, long seq) implements Comparable<First> {
        @Override
        public int compareTo(First o) {
            int c = at.toInstant().compareTo(o.at.toInstant());
            if (c == 0) {
                c = terminalId.compareTo(o.terminalId);
            }
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private void insertRatings(String terminalId, List<JudgedEvent> events, boolean lookUpDossiers) {
        List<RatingEvent> ratings = events.stream().map(JudgedEvent::rating).filter(r -> r != null).toList();
        List<RatingRollup.Rating> displaced = new ArrayList<>();
        Set<String> counted;
        if (lookUpDossiers || ratings.stream().allMatch(r -> r.dossierCode() == null)) {
            counted = decideCounted(terminalId, ratings, displaced, true);
            storeRatings(terminalId, ratings, counted);
        } else {
            counted = storeRatingsOfNewDossiers(terminalId, ratings, displaced);
        }
        recentDossiers.add(ratings.stream().map(RatingEvent::dossierCode).filter(d -> d != null).toList());
        addToRollups(terminalId, ratings, counted, displaced);
    }

    /** Adds the stored ratings to the roll-ups, moves the displaced ones to the re-ratings, marks their dossiers. */
    private void addToRollups(String terminalId, List<RatingEvent> ratings, Set<String> counted,
                              List<RatingRollup.Rating> displaced) {
        List<RatingRollup.Rating> added = new ArrayList<>();
        for (RatingEvent r : ratings) {
            added.add(new RatingRollup.Rating(new Place(LocalTime.localDate(r.at()), r.agencyCode(), r.counter(),
                    r.officerId(), r.procedureCode(), terminalId), r.ratingClass(),
                    r.dossierCode() == null || counted.contains(r.id()), r.reasons()));
        }
        // a displaced rating stops counting: out of its class, into the re-ratings
        displaced.forEach(d -> added.add(new RatingRollup.Rating(d.place(), d.ratingClass(), false, d.reasons())));
        rollup.apply(added, displaced);
        // the dossiers whose counted rating changed: their rows in the dossiers report's roll-ups are recomputed
        dossierRollup.markDossiers(ratings.stream().filter(r -> counted.contains(r.id())).map(RatingEvent::dossierCode)
                .toList());
    }

    /**
     * Stores the ratings, under a savepoint, as if none of their dossiers but those rated lately had a counted rating
     * yet. A dossier that has one all the same fails the insert on {@code uq_rating_counted_dossier}; only the
     * ratings' insert is undone then, and made again with every dossier looked up. For the usual batch, whose
     * dossiers are all new, that saves looking up 500 dossiers (IngestBenchmark on PostgreSQL: 18,200-18,600
     * events/s with the look-up, 21,300-21,800 without).
     */
    private Set<String> storeRatingsOfNewDossiers(String terminalId, List<RatingEvent> ratings,
                                                  List<RatingRollup.Rating> displaced) {
        Connection connection = jdbc.getConnection();
        Savepoint before = savepoint(connection);
        Set<String> counted = decideCounted(terminalId, ratings, displaced, false);
        try {
            storeRatings(terminalId, ratings, counted);
        } catch (RuntimeException e) {
            if (!SqlStates.uniqueViolation(SqlStates.of(e))) {
                throw e;
            }
            rollback(connection, before);
            displaced.clear();
            counted = decideCounted(terminalId, ratings, displaced, true);
            storeRatings(terminalId, ratings, counted);
            return counted;
        }
        release(connection, before);
        return counted;
    }

    private void storeRatings(String terminalId, List<RatingEvent> ratings, Set<String> counted) {
        batches.append("rating", RATING_COLUMNS, ratings, (r, v) -> {
            boolean counts = r.dossierCode() == null || counted.contains(r.id());
            v[0] = r.id();
            v[1] = terminalId;
            v[2] = r.seq();
            v[3] = r.at().withOffsetSameInstant(ZoneOffset.UTC);
            v[4] = LocalTime.localDate(r.at());
            v[5] = LocalTime.localMonth(r.at());
            v[6] = r.agencyCode();
            v[7] = r.counter();
            v[8] = r.officerId();
            v[9] = r.procedureCode();
            v[10] = r.dossierCode();
            v[11] = r.scale();
            v[12] = r.value();
            v[13] = r.ratingClass().name();
            v[14] = r.channel();
            v[15] = r.reasons().isEmpty() ? null : String.join(",", r.reasons());
            v[16] = counts;
            v[17] = counts ? r.dossierCode() : null;
        });
    }

    /**
     * The ids of the batch's bound ratings that become their dossier's counted rating. A stored rating that a new
     * one precedes (delivered late, from a terminal that was offline) becomes a re-rating here; it is added to
     * {@code displaced} as it counted until now. Without {@code lookUpDossiers} only the dossiers rated lately
     * ({@link RecentDossiers}) are looked up and the others are taken to have no counted rating; one that has makes
     * the insert fail on {@code uq_rating_counted_dossier} ({@link #storeRatingsOfNewDossiers}).
     */
    private Set<String> decideCounted(String terminalId, List<RatingEvent> ratings, List<RatingRollup.Rating> displaced,
                                      boolean lookUpDossiers) {
        Map<String, First> first = new HashMap<>();
        List<String> dossiers = ratings.stream().map(RatingEvent::dossierCode).filter(d -> d != null).distinct().toList();
        if (dossiers.isEmpty()) {
            return Set.of();
        }
        Map<String, String> storedFirst = new HashMap<>();
        Map<String, RatingRollup.Rating> stored = new HashMap<>();
        List<String> lookedUp = lookUpDossiers ? dossiers : recentDossiers.among(dossiers);
        for (int from = 0; from < lookedUp.size(); from += 500) {
            List<String> chunk = lookedUp.subList(from, Math.min(lookedUp.size(), from + 500));
            jdbc.prepareStatement("SELECT counted_dossier, event_id, at_instant, terminal_id, seq, local_date, agency_code, "
                    + "counter_code, officer_id, procedure_code, rating_class, reasons FROM rating "
                    + "WHERE counted_dossier IN (" + placeholders(chunk.size()) + ")", ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        first.put(rs.getString(1), new First(rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                                rs.getString(4), rs.getLong(5)));
                        storedFirst.put(rs.getString(1), rs.getString(2));
                        String reasons = rs.getString(12);
                        stored.put(rs.getString(2), new RatingRollup.Rating(new Place(rs.getObject(6,
                                java.time.LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10), rs.getString(4)), RatingClass.valueOf(rs.getString(11)), true,
                                reasons == null ? List.of() : List.of(reasons.split(","))));
                    }
                }
                return null;
            });
        }
        for (RatingEvent r : ratings) {
            if (r.dossierCode() != null) {
                First candidate = new First(r.id(), r.at(), terminalId, r.seq());
                first.merge(r.dossierCode(), candidate, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        Set<String> counted = new HashSet<>();
        List<String> displacedIds = new ArrayList<>();
        first.forEach((dossier, winner) -> {
            String storedId = storedFirst.get(dossier);
            if (storedId == null || !storedId.equals(winner.eventId())) {
                counted.add(winner.eventId());
                if (storedId != null) {
                    displacedIds.add(storedId);
                    displaced.add(stored.get(storedId));
                }
            }
        });
        batches.execute("UPDATE rating SET counted = FALSE, counted_dossier = NULL WHERE event_id = ?", displacedIds,
                (ps, id) -> ps.setString(1, id));
        return counted;
    }

    /** Waits for the terminal's other batches to commit, and returns its highest contiguous seq. */
    private long lockTerminal(String terminalId) {
        return jdbc.prepareStatement("SELECT highest_contiguous_seq FROM terminal WHERE terminal_id = ? FOR UPDATE", ps -> {
            ps.setString(1, terminalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Moves the terminal's highest contiguous seq forward over every seq now stored or rejected, and its highest
     * seq up to the batch's (the terminals report looks for gaps only where the two differ).
     */
    private long advanceContiguousSeq(String terminalId, long from, long highestStored, Instant receivedAt,
                                      Long clockSkewSeconds) {
        long highest = jdbc.prepareStatement(
                "SELECT seq FROM sync_event WHERE terminal_id = ? AND seq > ? ORDER BY seq", ps -> {
                    ps.setString(1, terminalId);
                    ps.setLong(2, from);
                    ps.setFetchSize(1000);
                    long k = from;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next() && rs.getLong(1) == k + 1) {
                            k++;
                        }
                    }
                    return k;
                });
        jdbc.prepareStatement("UPDATE terminal SET highest_contiguous_seq = ?, highest_seq = GREATEST(highest_seq, ?, ?), "
                + "last_batch_at = ?, clock_skew_seconds = ? WHERE terminal_id = ?", ps -> {
            ps.setLong(1, highest);
            ps.setLong(2, highest);
            ps.setLong(3, highestStored);
            ps.setObject(4, receivedAt.atOffset(ZoneOffset.UTC));
            if (clockSkewSeconds == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, clockSkewSeconds);
            }
            ps.setString(6, terminalId);
            return ps.executeUpdate();
        });
        return highest;
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("could not set a savepoint: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll back to a savepoint: " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("could not release a savepoint: " + e.getMessage(), e);
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
