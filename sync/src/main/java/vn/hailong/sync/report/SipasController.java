package vn.hailong.sync.report;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.hailong.sync.ingest.SipasElement;
import vn.hailong.sync.rules.RulesStore;
import vn.hailong.sync.survey.SurveyBank;

/** {@code GET /api/v1/reports/sipas}: "SIPAS (khảo sát tại quầy)", JSON or CSV. */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports")
public class SipasController {
    private final SipasReport report;
    private final RulesStore rules;

    public SipasController(SipasReport report, RulesStore rules) {
        this.report = report;
        this.rules = rules;
    }

    @Get(value = "/sipas", produces = {"application/json", "text/csv"})
    public HttpResponse<?> sipas(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                 @Nullable @QueryValue String agency, @Nullable @QueryValue String groupBy,
                                 @Nullable @QueryValue String format, @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        ReportQuery query = ReportQuery.parse(from, to, agency, groupBy, format, accept);
        Map<SatisfactionReport.Key, SipasReport.Tally> tallies = report.tally(query);
        SurveyBank bank = report.bank();
        Map<String, BigDecimal> weights = rules.current().sipasWeights();
        SipasReport.Scorer scorer = new SipasReport.Scorer(bank, weights);
        List<Row> rows = new ArrayList<>();
        if (query.groupBy() != null) {
            tallies.forEach((key, t) -> rows.add(new Row(key.value(),
                    query.groupBy() == GroupBy.COUNTER ? key.agencyCode() : null, scorer.figures(t))));
        }
        SipasReport.Figures total = scorer.figures(SipasReport.sum(tallies.values()));
        if (query.csv()) {
            List<String> header = new ArrayList<>(List.of("key", "respondents", "sipas"));
            for (SipasElement e : SipasElement.values()) {
                header.addAll(List.of(e.name() + ".answers", e.name() + ".index", e.name() + ".assessmentIndex"));
            }
            List<List<Object>> lines = new ArrayList<>();
            for (Row row : rows) {
                lines.add(csvLine(row.key(), row.figures()));
            }
            lines.add(csvLine("TOTAL", total));
            return HttpResponse.ok(Csv.render(header, lines)).contentType(Csv.CONTENT_TYPE)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sipas-" + query.from() + "-"
                            + query.to() + ".csv\"");
        }
        return JsonAnswer.ok(g -> write(g, query, rows, total));
    }

    /** The JSON answer: the selection, a row per group, the total. */
    static void write(JsonGenerator g, ReportQuery query, List<Row> rows, SipasReport.Figures total) throws IOException {
        g.writeStartObject();
        g.writeStringField("report", "SIPAS (khảo sát tại quầy)");
        g.writeStringField("from", query.from().toString());
        g.writeStringField("to", query.to().toString());
        JsonAnswer.field(g, "agency", query.agency());
        JsonAnswer.field(g, "groupBy", query.groupBy() == null ? null : query.groupBy().parameter());
        g.writeArrayFieldStart("rows");
        for (Row row : rows) {
            row.write(g);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("total");
        total.writeFields(g);
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * A group's row: its key, the counter's agency (grouped by counter only), then its figures. A record whose figures
     * are written in line, as {@code {"key": ..., <figures>}}.
     */
    @Serdeable
    public record Row(String key, @JsonInclude(JsonInclude.Include.NON_NULL) String agencyCode,
                      @JsonUnwrapped SipasReport.Figures figures) {
        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            JsonAnswer.field(g, "key", key);
            if (agencyCode != null) {
                g.writeStringField("agencyCode", agencyCode);
            }
            figures.writeFields(g);
            g.writeEndObject();
        }
    }

    private static List<Object> csvLine(Object key, SipasReport.Figures figures) {
        List<Object> line = new ArrayList<>(List.of(key == null ? "" : key, figures.respondents()));
        line.add(figures.sipas());
        for (SipasElement e : SipasElement.values()) {
            SipasReport.ElementFigures el = figures.elements().get(e.name());
            line.add(el.answers());
            line.add(el.index());
            line.add(el.assessmentIndex());
        }
        return line;
    }
}
