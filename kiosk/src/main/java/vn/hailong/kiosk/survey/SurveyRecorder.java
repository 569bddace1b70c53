package vn.hailong.kiosk.survey;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;

/** Stores a finished survey as a {@code survey} event in the outbox, bound to the dossier it followed, if any. */
@Singleton
public class SurveyRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyRecorder.class);
    private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");

    private final OutboxStore outbox;
    private final OutboxSender sender;
    private final JsonMapper json;
    private final Clock clock;

    public SurveyRecorder(OutboxStore outbox, OutboxSender sender, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores the answers (nothing when none were given).
     *
     * @return the event's seq, or -1 when there was nothing to store
     */
    public long record(SurveyFlow.Answers answers, String dossierCode) {
        if (answers.isEmpty()) {
            return -1;
        }
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        long seq = outbox.appendDurably(eventId, "survey", s -> body(eventId, s, now, answers, dossierCode), now);
        LOG.info("survey seq {} stored: {} answers, {} assessments, {} expectations{}", seq, answers.answers().size(),
                answers.assessments().size(), answers.expectations().size(),
                dossierCode == null ? "" : ", dossier " + dossierCode);
        sender.wake();
        return seq;
    }

    private String body(String eventId, long seq, Instant at, SurveyFlow.Answers a, String dossierCode) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("seq", seq);
        event.put("type", "survey");
        event.put("at", OffsetDateTime.ofInstant(at, LOCAL).truncatedTo(ChronoUnit.MILLIS).toString());
        if (dossierCode != null) {
            event.put("dossierCode", dossierCode);
        }
        if (!a.answers().isEmpty()) {
            event.put("answers", new TreeMap<>(a.answers()));
        }
        if (!a.assessments().isEmpty()) {
            event.put("assessments", new TreeMap<>(a.assessments()));
        }
        if (!a.expectations().isEmpty()) {
            event.put("expectations", a.expectations());
        }
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
