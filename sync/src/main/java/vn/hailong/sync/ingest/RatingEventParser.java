package vn.hailong.sync.ingest;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.survey.SurveyBank;
import vn.hailong.sync.terminal.Terminal;

/** Judges one event of a batch (rating or survey) on its own (sync-protocol.md): every field checked, the first fault named. */
@Singleton
public class RatingEventParser {
    private static final Set<String> CHANNELS = Set.of("BUTTON", "TOUCH", "KEYBOARD");
    private static final List<String> OPTIONAL_CODES =
            List.of("dossierCode", "officerId", "counter", "procedureCode", "agencyCode");

    private final Duration maxFuture;

    public RatingEventParser(@Property(name = "hailong.sync.max-future-seconds", defaultValue = "86400") long maxFutureSeconds) {
        this.maxFuture = Duration.ofSeconds(maxFutureSeconds);
    }

    /** Thrown inside the parser to stop at the first fault; never leaves it. */
    private static final class Fault extends Exception {
        final String field;

        Fault(String field, String why) {
            super(why, null, false, false);
            this.field = field;
        }
    }

    public JudgedEvent judge(JsonNode node, Terminal terminal, Instant serverNow, SurveyBank bank) {
        String hash = RequestSignature.sha256Hex(CanonicalJson.of(node).getBytes(StandardCharsets.UTF_8));
        if (!node.isObject()) {
            return JudgedEvent.invalid(null, null, null, hash, "event", "must be a JSON object");
        }
        String id = null;
        Long seq = null;
        String type = null;
        try {
            id = text(node, "id").orElseThrow(() -> new Fault("id", "is required (a UUID made by the terminal)"));
            if (!Identifiers.isOpaque(id)) {
                String given = id;
                id = null;
                throw new Fault("id", Identifiers.opaqueRule() + ", got '" + abbreviate(given) + "'");
            }
            seq = integer(node, "seq", 1, Long.MAX_VALUE).orElseThrow(() -> new Fault("seq", "is required"));
            type = text(node, "type").orElseThrow(() -> new Fault("type", "is required"));
            if ("rating".equals(type)) {
                return JudgedEvent.valid(rating(node, id, seq, terminal, serverNow), hash);
            }
            if ("survey".equals(type)) {
                return JudgedEvent.valid(survey(node, id, seq, terminal, serverNow, bank), hash);
            }
            throw new Fault("type", "must be 'rating' or 'survey', got '" + abbreviate(type) + "'");
        } catch (Fault fault) {
            return JudgedEvent.invalid(id, seq, type == null || type.length() > 16 ? null : type, hash, fault.field,
                    fault.getMessage());
        }
    }

    /** What every event carries: when, and where (codes defaulting to the terminal's provisioning). */
    private record Common(OffsetDateTime at, String agencyCode, String counter, String officerId, String procedureCode,
                          String dossierCode) {
    }

    private Common common(JsonNode node, Terminal terminal, Instant serverNow) throws Fault {
        Optional<String> terminalId = text(node, "terminalId");
        if (terminalId.isPresent() && !terminalId.get().equals(terminal.terminalId())) {
            throw new Fault("terminalId", "is " + abbreviate(terminalId.get()) + " but the batch is signed by "
                    + terminal.terminalId() + ": a terminal sends only its own events");
        }
        String atText = text(node, "at").orElseThrow(() -> new Fault("at", "is required"));
        OffsetDateTime at = LocalTime.parseInstant(atText).orElseThrow(() -> new Fault("at",
                "must be an ISO-8601 instant with an offset such as 2026-11-20T08:15:02+07:00, got '"
                        + abbreviate(atText) + "'"));
        if (at.toInstant().isAfter(serverNow.plus(maxFuture))) {
            throw new Fault("at", "is more than " + maxFuture.toHours() + " h after the server's time " + serverNow
                    + ": check the terminal's clock");
        }
        String[] codes = new String[OPTIONAL_CODES.size()];
        for (int i = 0; i < codes.length; i++) {
            String field = OPTIONAL_CODES.get(i);
            Optional<String> code = text(node, field);
            if (code.isPresent() && !Identifiers.isOpaque(code.get())) {
                throw new Fault(field, Identifiers.opaqueRule() + ", got '" + abbreviate(code.get()) + "'");
            }
            codes[i] = code.orElse(null);
        }
        return new Common(at, codes[4] != null ? codes[4] : terminal.agencyCode(),
                codes[2] != null ? codes[2] : terminal.counter(), codes[1], codes[3], codes[0]);
    }

    private RatingEvent rating(JsonNode node, String id, long seq, Terminal terminal, Instant serverNow) throws Fault {
        Common c = common(node, terminal, serverNow);
        int scale = (int) (long) integer(node, "scale", 3, 5).orElseThrow(() -> new Fault("scale", "is required (3, 4 or 5)"));
        int value = (int) (long) integer(node, "value", 1, scale).orElseThrow(() -> new Fault("value", "is required"));
        String channel = text(node, "channel").orElseThrow(() -> new Fault("channel", "is required (BUTTON, TOUCH or KEYBOARD)"));
        if (!CHANNELS.contains(channel)) {
            throw new Fault("channel", "must be BUTTON, TOUCH or KEYBOARD, got '" + abbreviate(channel) + "'");
        }
        RatingClass ratingClass = RatingClass.of(scale, value);
        List<String> reasons = reasons(node, ratingClass);
        return new RatingEvent(id, seq, c.at(), c.agencyCode(), c.counter(), c.officerId(), c.procedureCode(),
                c.dossierCode(), scale, value, ratingClass, channel, reasons);
    }

    private SurveyEvent survey(JsonNode node, String id, long seq, Terminal terminal, Instant serverNow, SurveyBank bank)
            throws Fault {
        Common c = common(node, terminal, serverNow);
        Map<String, Integer> answers = new TreeMap<>();
        JsonNode a = node.get("answers");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                throw new Fault("answers", "must be an object {ELEMENT: 1..5}");
            }
            for (Map.Entry<String, JsonNode> e : a.entries()) {
                if (!SipasElement.isCode(e.getKey())) {
                    throw new Fault("answers", "unknown element " + abbreviate(e.getKey())
                            + ": use ACCESS, PROCEDURE, OFFICER, RESULT or FEEDBACK");
                }
                JsonNode v = e.getValue();
                BigDecimal n = v.isNumber() ? new BigDecimal(v.getNumberValue().toString()) : null;
                if (n == null || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.ONE) < 0
                        || n.compareTo(BigDecimal.valueOf(5)) > 0) {
                    throw new Fault("answers." + e.getKey(), "must be a whole number from 1 to 5");
                }
                answers.put(e.getKey(), n.intValue());
            }
        }
        Map<String, Boolean> assessments = new TreeMap<>();
        JsonNode s = node.get("assessments");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw new Fault("assessments", "must be an object {CODE: true|false}");
            }
            for (Map.Entry<String, JsonNode> e : s.entries()) {
                if (!bank.hasAssessment(e.getKey())) {
                    throw new Fault("assessments", "unknown statement " + abbreviate(e.getKey())
                            + ": not in the survey bank (GET /api/v1/sync/survey)");
                }
                if (!e.getValue().isBoolean()) {
                    throw new Fault("assessments." + e.getKey(), "must be true or false");
                }
                assessments.put(e.getKey(), e.getValue().getBooleanValue());
            }
        }
        List<String> expectations = new ArrayList<>();
        JsonNode x = node.get("expectations");
        if (x != null && !x.isNull()) {
            if (!x.isArray()) {
                throw new Fault("expectations", "must be an array of at most 3 codes");
            }
            for (JsonNode v : x.values()) {
                if (!v.isString() || !bank.hasExpectation(v.getStringValue())) {
                    throw new Fault("expectations", "unknown code " + abbreviate(String.valueOf(v.isString()
                            ? v.getStringValue() : v)) + ": not in the survey bank");
                }
                if (expectations.contains(v.getStringValue())) {
                    throw new Fault("expectations", "lists " + v.getStringValue() + " twice");
                }
                expectations.add(v.getStringValue());
            }
            if (expectations.size() > 3) {
                throw new Fault("expectations", "at most 3 may be chosen, got " + expectations.size());
            }
        }
        if (answers.isEmpty() && assessments.isEmpty() && expectations.isEmpty()) {
            throw new Fault("answers", "a survey must answer something (answers, assessments or expectations)");
        }
        return new SurveyEvent(id, seq, c.at(), c.agencyCode(), c.counter(), c.officerId(), c.procedureCode(),
                c.dossierCode(), answers, assessments, expectations);
    }

    private static List<String> reasons(JsonNode node, RatingClass ratingClass) throws Fault {
        JsonNode reasons = node.get("reasons");
        if (reasons == null || reasons.isNull()) {
            return List.of();
        }
        if (!reasons.isArray()) {
            throw new Fault("reasons", "must be an array of SIPAS elements (ACCESS, PROCEDURE, OFFICER, RESULT, FEEDBACK)");
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode r : reasons.values()) {
            if (!r.isString() || !SipasElement.isCode(r.getStringValue())) {
                throw new Fault("reasons", "unknown element " + abbreviate(String.valueOf(r.isString() ? r.getStringValue() : r))
                        + ": use ACCESS, PROCEDURE, OFFICER, RESULT or FEEDBACK");
            }
            if (codes.contains(r.getStringValue())) {
                throw new Fault("reasons", "lists " + r.getStringValue() + " twice");
            }
            codes.add(r.getStringValue());
        }
        if (!codes.isEmpty() && ratingClass != RatingClass.DISSATISFIED) {
            throw new Fault("reasons", "only a dissatisfied rating carries reasons");
        }
        return codes;
    }

    private static Optional<String> text(JsonNode node, String field) throws Fault {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new Fault(field, "must be a string");
        }
        return Optional.of(v.getStringValue());
    }

    private static Optional<Long> integer(JsonNode node, String field, long min, long max) throws Fault {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw new Fault(field, "must be a whole number from " + min + " to " + max);
        }
        BigDecimal n = new BigDecimal(v.getNumberValue().toString());
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0
                || n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new Fault(field, "must be a whole number from " + min + " to " + max + ", got " + abbreviate(n.toString()));
        }
        return Optional.of(n.longValue());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
