package vn.hailong.sync.ingest;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.http.HttpStatus;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.api.SqlStates;
import vn.hailong.sync.survey.SurveyBank;
import vn.hailong.sync.survey.SurveyBankStore;
import vn.hailong.sync.terminal.Terminal;

/**
 * Takes a signed batch from a terminal: a malformed envelope is refused whole (nothing stored); inside a
 * well-formed one each event is judged alone and valid ones are stored even when others are not.
 */
@Singleton
public class BatchIngest {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIngest.class);
    /** Another transaction went first: a deadlock (PostgreSQL) or a serialization failure. Run again. */
    private static final java.util.Set<String> LOST_TO_ANOTHER = java.util.Set.of("40P01", "40001");
    private static final int ATTEMPTS = 5;

    private final JsonMapper json;
    private final RatingEventParser parser;
    private final EventStore store;
    private final SurveyBankStore banks;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int maxEvents;
    private final int maxBytes;
    /**
     * Batches written at once. More writers than this only queue inside the database (H2 commits one at a time)
     * and hold pool connections that authentication, heartbeats and reports need; the rest wait here.
     */
    private final Semaphore writers;
    private final long writerWaitSeconds;
    private final WriteTurns turns = new WriteTurns();

    public BatchIngest(JsonMapper json, RatingEventParser parser, EventStore store, SurveyBankStore banks,
                       MeterRegistry meters, Clock clock,
                       @Property(name = "hailong.sync.max-events-per-batch", defaultValue = "1000") int maxEvents,
                       @Property(name = "hailong.sync.max-batch-bytes", defaultValue = "1048576") int maxBytes,
                       @Property(name = "hailong.sync.concurrent-batches", defaultValue = "4") int concurrentBatches,
                       @Property(name = "hailong.sync.batch-wait-seconds", defaultValue = "30") long writerWaitSeconds) {
        this.writers = new Semaphore(Math.max(1, concurrentBatches), true);
        this.writerWaitSeconds = writerWaitSeconds;
        this.json = json;
        this.parser = parser;
        this.store = store;
        this.banks = banks;
        this.meters = meters;
        this.clock = clock;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    public BatchResult ingest(Terminal terminal, byte[] body) {
        if (body.length > maxBytes) {
            throw Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Batch too large",
                    "a batch is at most " + maxBytes + " bytes, this one has " + body.length + ": send fewer events per batch");
        }
        JsonNode root;
        try {
            root = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw Problems.invalid("body", "is not valid JSON in UTF-8 (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw Problems.invalid("body", "must be a JSON object {batchId, terminalId, sentAt, events}");
        }
        String batchId = requiredText(root, "batchId");
        if (batchId.isEmpty() || batchId.length() > 64) {
            throw Problems.invalid("batchId", "must be 1-64 characters (a UUID)");
        }
        String terminalId = requiredText(root, "terminalId");
        if (!terminalId.equals(terminal.terminalId())) {
            throw Problems.invalid("terminalId", "is " + terminalId + " but the request is signed by "
                    + terminal.terminalId());
        }
        OffsetDateTime sentAt = LocalTime.parseInstant(requiredText(root, "sentAt")).orElseThrow(() ->
                Problems.invalid("sentAt", "must be an ISO-8601 instant with an offset"));
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw Problems.invalid("events", "must be an array of events");
        }
        if (events.size() > maxEvents) {
            throw Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Batch too large",
                    "a batch holds at most " + maxEvents + " events, this one has " + events.size());
        }
        Instant now = clock.instant();
        SurveyBank bank = hasSurvey(events) ? banks.current() : SurveyBank.defaults();
        List<JudgedEvent> judged = new ArrayList<>(events.size());
        for (JsonNode event : events.values()) {
            judged.add(parser.judge(event, terminal, now, bank));
        }
        long skew = Duration.between(now, sentAt.toInstant()).toSeconds();
        EventStore.Applied applied = applyWithRetry(terminal.terminalId(), judged, now, skew);
        LOG.atInfo().addKeyValue("terminal", terminalId).addKeyValue("batchId", batchId)
                .addKeyValue("events", judged.size()).addKeyValue("accepted", applied.accepted())
                .addKeyValue("duplicates", applied.duplicates()).addKeyValue("rejected", applied.rejected().size())
                .addKeyValue("highestContiguousSeq", applied.highestContiguousSeq())
                .log("batch {} from {}: {} events, {} accepted, {} duplicates, {} rejected, highestContiguousSeq {}",
                batchId, terminalId, judged.size(), applied.accepted(), applied.duplicates(), applied.rejected().size(),
                applied.highestContiguousSeq());
        count("accepted", "", applied.accepted());
        count("duplicate", "", applied.duplicates());
        for (Rejection r : applied.rejected()) {
            LOG.atInfo().addKeyValue("terminal", terminalId).addKeyValue("batchId", batchId)
                    .addKeyValue("eventId", r.id()).addKeyValue("seq", r.seq()).addKeyValue("field", r.field())
                    .log("batch {} from {}: rejected event {} seq {}: {}", batchId, terminalId, r.id(), r.seq(), r.reason());
            count("rejected", r.field() == null ? "already-rejected" : r.field(), 1);
        }
        return new BatchResult(batchId, applied.accepted(), applied.duplicates(), applied.rejected(),
                applied.highestContiguousSeq(), clock.instant().atOffset(ZoneOffset.UTC).toString());
    }

    /** Waits for one of the writer slots (503 after the configured wait), then applies the batch. */
    private EventStore.Applied applyWithRetry(String terminalId, List<JudgedEvent> judged, Instant now, long skew) {
        try {
            if (!writers.tryAcquire(writerWaitSeconds, TimeUnit.SECONDS)) {
                LOG.warn("batch of {} waited {} s for a writer: answering 503", terminalId, writerWaitSeconds);
                throw Problems.busy("the server is storing other terminals' batches; send this batch again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.busy("the server is shutting down; send this batch again later");
        }
        try {
            return applyRetryingRaces(terminalId, judged, now, skew);
        } finally {
            writers.release();
        }
    }

    /**
     * A unique violation on the first try means an id was stored before under another seq or terminal (the first try
     * does not look ids up: {@link EventStore#apply}); on a later try, that another writer stored one of these ids,
     * or a counted rating of one of these dossiers, meanwhile. Either way the batch is judged again with every id
     * and dossier looked up; so for a deadlock, and a try after a lost race runs alone ({@link WriteTurns}). A lock
     * waited for in vain answers 503: nothing was stored (the transaction rolled back) and the terminal sends the
     * batch again.
     */
    private EventStore.Applied applyRetryingRaces(String terminalId, List<JudgedEvent> judged, Instant now, long skew) {
        boolean lostRace = false;
        for (int attempt = 1; ; attempt++) {
            try (WriteTurns.Turn turn = turn(terminalId, lostRace)) {
                return store.apply(terminalId, judged, now, skew, attempt > 1);
            } catch (RuntimeException e) {
                java.util.Set<String> states = SqlStates.of(e);
                if (SqlStates.lockTimeout(states)) {
                    LOG.warn("batch of {} waited too long for a row another transaction holds ({}): answering 503",
                            terminalId, states);
                    throw Problems.busy("the database is busy with other terminals' batches; send this batch again later");
                }
                boolean race = SqlStates.uniqueViolation(states) || states.stream().anyMatch(LOST_TO_ANOTHER::contains);
                if (attempt >= ATTEMPTS || !race) {
                    throw e;
                }
                boolean storedId = attempt == 1 && SqlStates.uniqueViolation(states);
                lostRace = !storedId;
                meters.counter("hailong.ingest.retries", "reason", storedId ? "stored-id" : "race").increment();
                if (storedId) {
                    LOG.debug("batch of {} holds an id stored before under another seq or terminal: applying it again "
                            + "with every id looked up", terminalId);
                } else {
                    LOG.info("batch of {} raced another writer ({}, attempt {}), applying again", terminalId, states, attempt);
                }
            }
        }
    }

    /** This batch's turn to write: alone after it lost a race ({@link WriteTurns}); 503 when none comes in time. */
    private WriteTurns.Turn turn(String terminalId, boolean alone) {
        try {
            WriteTurns.Turn turn = turns.take(alone, writerWaitSeconds);
            if (turn == null) {
                LOG.warn("batch of {} waited {} s for its turn to write{}: answering 503", terminalId, writerWaitSeconds,
                        alone ? " alone" : "");
                throw Problems.busy("the server is storing other terminals' batches; send this batch again later");
            }
            return turn;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.busy("the server is shutting down; send this batch again later");
        }
    }

    /** hailong.ingest.events{outcome, reason}: reason is the rejected field, never free text (few values). */
    private void count(String outcome, String reason, long n) {
        if (n > 0) {
            meters.counter("hailong.ingest.events", "outcome", outcome, "reason",
                    reason).increment(n);
        }
    }

    private static boolean hasSurvey(JsonNode events) {
        for (JsonNode e : events.values()) {
            JsonNode type = e.isObject() ? e.get("type") : null;
            if (type != null && type.isString() && "survey".equals(type.getStringValue())) {
                return true;
            }
        }
        return false;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isString()) {
            throw Problems.invalid(field, "is required and must be a string");
        }
        return v.getStringValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
