package vn.hailong.sync.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The apology report's JSON answer (sync-protocol.md "Reports"): the selection, a row of figures per group, the
 * total with the late dossiers listed ({@code dossiers}, null when left out) and the officers late repeatedly.
 * Written with {@link JsonAnswer}: a year of a province lists 40,000 dossiers.
 */
record ApologyAnswer(ReportQuery query, OffsetDateTime asOf, String apologyDeadline, List<Map<String, Object>> rows,
                     Map<String, Object> total, List<ApologyReport.Finding> dossiers,
                     List<Map<String, Object>> repeatedLateness) {

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("report", "apology");
        g.writeStringField("from", query.from().toString());
        g.writeStringField("to", query.to().toString());
        g.writeStringField("asOf", asOf.toString());
        JsonAnswer.field(g, "apologyDeadline", apologyDeadline);
        JsonAnswer.field(g, "agency", query.agency());
        JsonAnswer.field(g, "groupBy", query.groupBy() == null ? null : query.groupBy().parameter());
        JsonAnswer.field(g, "rows", rows);
        g.writeObjectFieldStart("total");
        for (Map.Entry<String, Object> e : total.entrySet()) {
            JsonAnswer.field(g, e.getKey(), e.getValue());
        }
        if (dossiers != null) {
            g.writeArrayFieldStart("dossiers");
            char[] text = new char[JsonAnswer.INSTANT_CHARS];
            for (ApologyReport.Finding f : dossiers) {
                listed(g, f, text);
            }
            g.writeEndArray();
        }
        JsonAnswer.field(g, "repeatedLateness", repeatedLateness);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A late dossier as the answer lists it, fields in this order. */
    private static void listed(JsonGenerator g, ApologyReport.Finding f, char[] text) throws IOException {
        g.writeStartObject();
        JsonAnswer.field(g, "code", f.code());
        JsonAnswer.field(g, "agencyCode", f.agencyCode());
        JsonAnswer.field(g, "officerId", f.officerId());
        JsonAnswer.field(g, "procedureCode", f.procedureCode());
        JsonAnswer.instant(g, "dueAt", f.dueAt(), text);
        JsonAnswer.instant(g, "returnedAt", f.returnedAt(), text);
        JsonAnswer.field(g, "responsibleAgency", f.responsibleAgency());
        g.writeArrayFieldStart("flags");
        for (String flag : f.flags()) {
            g.writeString(flag);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
