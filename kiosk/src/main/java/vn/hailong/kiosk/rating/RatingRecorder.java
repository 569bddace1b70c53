package vn.hailong.kiosk.rating;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * Turns a press into a stored rating event. The answer {@link PressOutcome#STORED} (and with it the
 * panel's acknowledgement and the citizen's "Cảm ơn") comes only after the event is durably in the outbox.
 */
@Singleton
public class RatingRecorder implements PressHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RatingRecorder.class);
    /** Instants are written with the local offset, as the counters' people read them. */
    private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");

    private final OutboxStore outbox;
    private final OutboxSender sender;
    private final JsonMapper json;
    private final Clock clock;
    private final RatingScale scale;
    private final Duration minInterval;
    private final List<RatingListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Integer> buttonMap;
    private Instant lastUnbound;

    public RatingRecorder(OutboxStore outbox, OutboxSender sender, JsonMapper json, Clock clock, KioskConfig config,
                          PanelConfig panel) {
        this.outbox = outbox;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
        this.scale = new RatingScale(config.scale());
        this.minInterval = Duration.ofSeconds(config.minIntervalSeconds());
        this.buttonMap = panel.buttons();
    }

    public void addListener(RatingListener listener) {
        listeners.add(listener);
    }

    public RatingScale scale() {
        return scale;
    }

    @Override
    public synchronized PressOutcome onPress(Press press) {
        int value = value(press);
        if (value < 1 || value > scale.size()) {
            LOG.warn("press of button {} ignored: the scale has {} values", value, scale.size());
            return refuse(Refusal.NOT_ON_SCALE);
        }
        Instant now = clock.instant();
        if (lastUnbound != null && now.isBefore(lastUnbound.plus(minInterval)) && !now.isBefore(lastUnbound)) {
            LOG.info("press of button {} refused: an unbound rating was accepted {} ms ago", value,
                    Duration.between(lastUnbound, now).toMillis());
            return refuse(Refusal.TOO_SOON);
        }
        String eventId = UUID.randomUUID().toString();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, LOCAL).truncatedTo(ChronoUnit.MILLIS);
        long seq;
        try {
            OutboxStore.PanelPress panelPress = press.deviceSeq() == Press.NO_DEVICE_SEQ ? null
                    : new OutboxStore.PanelPress(press.deviceSeq(), press.readAt());
            seq = outbox.appendDurably(new OutboxStore.Draft(eventId, "rating", s -> body(eventId, s, at, value, press), now,
                    panelPress, false), () -> { });
        } catch (RuntimeException e) {
            LOG.error("press of button {} could NOT be stored; the citizen was told to try again", value, e);
            return refuse(Refusal.STORAGE_FAILED);
        }
        lastUnbound = now;
        LOG.info("rating seq {} stored: value {}/{} via {}", seq, value, scale.size(), press.channel());
        RecordedRating recorded = new RecordedRating(seq, eventId, scale.size(), value, now);
        listeners.forEach(l -> l.recorded(recorded));
        sender.wake();
        return PressOutcome.STORED;
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

    private String body(String eventId, long seq, OffsetDateTime at, int value, Press press) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("seq", seq);
        event.put("type", "rating");
        event.put("at", at.toString());
        event.put("scale", scale.size());
        event.put("value", value);
        event.put("channel", press.channel().name());
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
