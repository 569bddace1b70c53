package vn.hailong.kiosk.rating;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.Press;
import vn.hailong.hardware.panel.PressHandler;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.panel.PanelConfig;
import vn.hailong.kiosk.session.RatingSession;
import vn.hailong.kiosk.session.RatingSessions;

/**
 * Turns a press into a stored rating event (domain.md §6). With a dossier session open the rating is bound to
 * that dossier and closes the session in the same transaction; without one it is unbound and rate-limited.
 * {@link PressOutcome#STORED} (and with it the panel's acknowledgement and the citizen's "Cảm ơn") comes only
 * after the event is durably in the outbox. A dissatisfied rating is held back from sending until the
 * citizen has chosen reasons, or the prompt timed out.
 */
@Singleton
public class RatingRecorder implements PressHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RatingRecorder.class);
    /** Instants are written with the local offset, as the counters' people read them. */
    private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");

    private final OutboxStore outbox;
    private final OutboxSender sender;
    private final RatingSessions sessions;
    private final JsonMapper json;
    private final Clock clock;
    private final RatingScale scale;
    private final Duration minInterval;
    private final Duration reasonsTimeout;
    private final List<Integer> buttonMap;
    private final List<RatingListener> listeners = new CopyOnWriteArrayList<>();
    /** seq → the event of a held dissatisfied rating, waiting for its reasons. */
    private final Map<Long, Map<String, Object>> awaitingReasons = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reasons-timeout");
        t.setDaemon(true);
        return t;
    });
    private Instant lastUnbound;
    private volatile String storageFailure;

    public RatingRecorder(OutboxStore outbox, OutboxSender sender, RatingSessions sessions, JsonMapper json, Clock clock,
                          KioskConfig config, PanelConfig panel,
                          @Property(name = "hailong.reasons-timeout-seconds", defaultValue = "20") int reasonsTimeoutSeconds) {
        this.outbox = outbox;
        this.sender = sender;
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.scale = new RatingScale(config.scale());
        this.minInterval = Duration.ofSeconds(config.minIntervalSeconds());
        this.reasonsTimeout = Duration.ofSeconds(reasonsTimeoutSeconds);
        this.buttonMap = panel.buttons();
        // held ratings from before a restart lost their prompt: send them as they are
        int released = outbox.releaseAllHeld();
        if (released > 0) {
            LOG.info("{} dissatisfied ratings held for reasons before the restart are released without reasons", released);
        }
    }

    public void addListener(RatingListener listener) {
        listeners.add(listener);
    }

    public RatingScale scale() {
        return scale;
    }

    public Duration reasonsTimeout() {
        return reasonsTimeout;
    }

    @Override
    public synchronized PressOutcome onPress(Press press) {
        int value = value(press);
        if (value < 1 || value > scale.size()) {
            LOG.warn("press of button {} ignored: the scale has {} values", press.button(), scale.size());
            return refuse(Refusal.NOT_ON_SCALE);
        }
        Instant now = clock.instant();
        Optional<RatingSession> session;
        try {
            session = sessions.current();
        } catch (RuntimeException e) {
            LOG.error("press of button {} could NOT be stored: the session could not be read", value, e);
            storageFailure = rootMessage(e);
            return refuse(Refusal.STORAGE_FAILED);
        }
        if (session.isEmpty() && lastUnbound != null && now.isBefore(lastUnbound.plus(minInterval))
                && !now.isBefore(lastUnbound)) {
            LOG.info("press of button {} refused: an unbound rating was accepted {} ms ago", value,
                    Duration.between(lastUnbound, now).toMillis());
            return refuse(Refusal.TOO_SOON);
        }
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> event = event(eventId, OffsetDateTime.ofInstant(now, LOCAL).truncatedTo(ChronoUnit.MILLIS),
                value, press, session.orElse(null));
        boolean hold = scale.isDissatisfied(value) && !reasonsTimeout.isZero();
        OutboxStore.PanelPress panelPress = press.deviceSeq() == Press.NO_DEVICE_SEQ ? null
                : new OutboxStore.PanelPress(press.deviceSeq(), press.readAt());
        long seq;
        try {
            seq = outbox.appendDurably(new OutboxStore.Draft(eventId, "rating", s -> body(event, s), now, panelPress, hold,
                    session.map(RatingSession::sessionId).orElse(null)));
        } catch (RuntimeException e) {
            LOG.error("press of button {} could NOT be stored; the citizen was told to try again", value, e);
            storageFailure = rootMessage(e);
            return refuse(Refusal.STORAGE_FAILED);
        }
        storageFailure = null;
        if (session.isEmpty()) {
            lastUnbound = now;
        }
        String dossier = session.map(RatingSession::dossierCode).orElse(null);
        LOG.info("rating seq {} stored: value {}/{} via {}{}{}", seq, value, scale.size(), press.channel(),
                dossier == null ? ", unbound" : ", dossier " + dossier, hold ? ", held for reasons" : "");
        if (hold) {
            event.put("seq", seq);
            awaitingReasons.put(seq, event);
            timer.schedule(() -> finishReasons(seq, List.of()), reasonsTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        RecordedRating recorded = new RecordedRating(seq, eventId, scale.size(), value, now, dossier, hold);
        listeners.forEach(l -> l.recorded(recorded));
        sender.wake();
        return PressOutcome.STORED;
    }

    /**
     * Adds the citizen's reasons to a held dissatisfied rating and lets it be sent; an empty list sends it
     * without reasons. Later calls for the same rating do nothing (the first answer, or the timeout, wins).
     *
     * @return whether the rating was still waiting
     */
    public synchronized boolean finishReasons(long seq, List<SipasElement> reasons) {
        Map<String, Object> event = awaitingReasons.remove(seq);
        if (event == null) {
            return false;
        }
        if (!reasons.isEmpty()) {
            event.put("reasons", reasons.stream().distinct().map(Enum::name).toList());
        }
        try {
            outbox.release(seq, toJson(event));
        } catch (RuntimeException e) {
            LOG.error("reasons of rating seq {} could not be saved; it is sent without them at the next start", seq, e);
            return false;
        }
        LOG.info("rating seq {} released with reasons {}", seq, reasons);
        sender.wake();
        return true;
    }

    /**
     * Why the last press could not be stored (disk full, database gone), until a press is stored again: what the
     * officer must see. Null when storing works.
     */
    public String storageFailure() {
        return storageFailure;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.lines().findFirst().orElse(root.getClass().getSimpleName());
    }

    /** A hardware button means the value the wiring map gives it; keys and touch name the value itself. */
    private int value(Press press) {
        if (press.channel() != Channel.BUTTON || buttonMap.isEmpty()) {
            return press.button();
        }
        return press.button() <= buttonMap.size() ? buttonMap.get(press.button() - 1) : -1;
    }

    private PressOutcome refuse(Refusal refusal) {
        listeners.forEach(l -> l.refused(refusal));
        return PressOutcome.REFUSED;
    }

    private Map<String, Object> event(String eventId, OffsetDateTime at, int value, Press press, RatingSession session) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("seq", 0L);
        event.put("type", "rating");
        event.put("at", at.toString());
        if (session != null) {
            event.put("dossierCode", session.dossierCode());
            if (session.officerId() != null) {
                event.put("officerId", session.officerId());
            }
            if (session.procedureCode() != null) {
                event.put("procedureCode", session.procedureCode());
            }
        }
        event.put("scale", scale.size());
        event.put("value", value);
        event.put("channel", press.channel().name());
        return event;
    }

    private String body(Map<String, Object> event, long seq) {
        Map<String, Object> withSeq = new LinkedHashMap<>(event);
        withSeq.put("seq", seq);
        return toJson(withSeq);
    }

    private String toJson(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
