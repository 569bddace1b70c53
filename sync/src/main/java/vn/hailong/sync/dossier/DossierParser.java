package vn.hailong.sync.dossier;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.LocalTime;

/** Checks one dossier record, field by field, and says which field is wrong and why. */
@Singleton
public class DossierParser {
    private static final Set<String> EXEMPTIONS = Set.of("FORCE_MAJEURE", "APPLICANT_FAULT", "SECURITY");

    private final JsonMapper json;

    public DossierParser(JsonMapper json) {
        this.json = json;
    }

    /** A record that cannot be imported: the field at fault and why. */
    public static final class Invalid extends Exception {
        public final String field;

        Invalid(String field, String why) {
            super(field + ": " + why, null, false, false);
            this.field = field;
        }
    }

    public Dossier parse(JsonNode n) throws Invalid {
        if (n == null || !n.isObject()) {
            throw new Invalid("dossier", "must be an object with the fields of domain.md §4");
        }
        String code = code(n, "code", true);
        String agency = code(n, "agencyCode", true);
        String procedure = code(n, "procedureCode", true);
        String officer = code(n, "officerId", false);
        OffsetDateTime received = instant(n, "receivedAt", true);
        OffsetDateTime due = instant(n, "dueAt", true);
        OffsetDateTime returned = instant(n, "returnedAt", false);
        if (due.isBefore(received)) {
            throw new Invalid("dueAt", "is before receivedAt");
        }
        if (returned != null && returned.isBefore(received)) {
            throw new Invalid("returnedAt", "is before receivedAt");
        }
        JsonNode c = n.get("complaints");
        int complaints = 0;
        if (c != null && !c.isNull()) {
            BigDecimal v = c.isNumber() ? new BigDecimal(c.getNumberValue().toString()) : null;
            if (v == null || v.stripTrailingZeros().scale() > 0 || v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100000)) > 0) {
                throw new Invalid("complaints", "must be a whole number, 0 or more");
            }
            complaints = v.intValue();
        }
        String exemption = text(n, "exemption");
        if (exemption != null && !EXEMPTIONS.contains(exemption)) {
            throw new Invalid("exemption", "must be empty, FORCE_MAJEURE, APPLICANT_FAULT or SECURITY");
        }
        JsonNode apologies = array(n, "apologies");
        int i = 0;
        for (JsonNode a : apologies.values()) {
            String f = "apologies[" + i++ + "]";
            if (!a.isObject()) {
                throw new Invalid(f, "must be {issuedAt, agencyCode, reason, newDueAt}");
            }
            instant(a, "issuedAt", true, f);
            code(a, "agencyCode", true, f);
            instant(a, "newDueAt", false, f);
            JsonNode reason = a.get("reason");
            if (reason != null && !reason.isNull() && !reason.isString()) {
                throw new Invalid(f + ".reason", "must be text");
            }
        }
        JsonNode steps = array(n, "steps");
        i = 0;
        for (JsonNode s : steps.values()) {
            String f = "steps[" + i++ + "]";
            if (!s.isObject()) {
                throw new Invalid(f, "must be {agencyCode, dueAt, completedAt}");
            }
            code(s, "agencyCode", true, f);
            instant(s, "dueAt", true, f);
            instant(s, "completedAt", false, f);
        }
        return new Dossier(code, agency, procedure, officer, received, due, returned, complaints, exemption,
                write(apologies), write(steps));
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode array(JsonNode n, String field) throws Invalid {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return JsonNode.createArrayNode(java.util.List.of());
        }
        if (!v.isArray()) {
            throw new Invalid(field, "must be a JSON array");
        }
        return v;
    }

    private static String text(JsonNode n, String field) throws Invalid {
        return text(n, field, field);
    }

    /** The text of {@code field}, or null when absent or empty; {@code name} is how an error calls the field. */
    private static String text(JsonNode n, String field, String name) throws Invalid {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isString() && v.getStringValue().isEmpty())) {
            return null;
        }
        if (!v.isString()) {
            throw new Invalid(name, "must be text");
        }
        return v.getStringValue();
    }

    private static String code(JsonNode n, String field, boolean required) throws Invalid {
        return code(n, field, required, null);
    }

    /** The text of a field, null when absent and allowed to be; errors name it as {@code prefix.field}. */
    private static String value(JsonNode n, String field, boolean required, String prefix) throws Invalid {
        String name = prefix == null ? field : prefix + "." + field;
        String v = text(n, field, name);
        if (v == null && required) {
            throw new Invalid(name, "is required");
        }
        return v;
    }

    private static String code(JsonNode n, String field, boolean required, String prefix) throws Invalid {
        String name = prefix == null ? field : prefix + "." + field;
        String v = value(n, field, required, prefix);
        if (v == null) {
            return null;
        }
        if (!Identifiers.isOpaque(v)) {
            throw new Invalid(name, Identifiers.opaqueRule());
        }
        return v;
    }

    private static OffsetDateTime instant(JsonNode n, String field, boolean required) throws Invalid {
        return instant(n, field, required, null);
    }

    private static OffsetDateTime instant(JsonNode n, String field, boolean required, String prefix) throws Invalid {
        String name = prefix == null ? field : prefix + "." + field;
        String v = value(n, field, required, prefix);
        if (v == null) {
            return null;
        }
        return LocalTime.parseInstant(v).orElseThrow(() -> new Invalid(name,
                "must be an ISO-8601 instant with an offset such as 2026-11-20T17:00:00+07:00, got '" + v + "'"));
    }
}
