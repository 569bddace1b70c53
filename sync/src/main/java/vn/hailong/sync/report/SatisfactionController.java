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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hailong.sync.ingest.SipasElement;

/** {@code GET /api/v1/reports/satisfaction}: JSON, or CSV with the same columns. */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports")
public class SatisfactionController {
    private final SatisfactionReport report;

    public SatisfactionController(SatisfactionReport report) {
        this.report = report;
    }

    @Get(value = "/satisfaction", produces = {"application/json", "text/csv"})
    public HttpResponse<?> satisfaction(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                        @Nullable @QueryValue String agency, @Nullable @QueryValue String groupBy,
                                        @Nullable @QueryValue String format,
                                        @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        ReportQuery query = ReportQuery.parse(from, to, agency, groupBy, format, accept);
        SatisfactionReport.Result result = report.compute(query);
        if (query.csv()) {
            return HttpResponse.ok(csv(query, result)).contentType(Csv.CONTENT_TYPE)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"satisfaction-" + query.from() + "-"
                            + query.to() + ".csv\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", "satisfaction");
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("agency", query.agency());
        body.put("groupBy", query.groupBy() == null ? null : query.groupBy().parameter());
        List<Map<String, Object>> rows = new ArrayList<>();
        result.rows().forEach((key, figures) -> rows.add(row(key, figures, query.groupBy())));
        body.put("rows", rows);
        body.put("total", result.total());
        return HttpResponse.ok(body);
    }

    private static Map<String, Object> row(SatisfactionReport.Key key, SatisfactionFigures f, GroupBy groupBy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key.value());
        if (groupBy == GroupBy.COUNTER) {
            row.put("agencyCode", key.agencyCode());
        }
        row.put("counted", f.counted());
        row.put("byClass", f.byClass());
        row.put("satisfactionRate", f.satisfactionRate());
        row.put("dissatisfactionRate", f.dissatisfactionRate());
        row.put("reRatings", f.reRatings());
        row.put("reasons", f.reasons());
        return row;
    }

    private static String csv(ReportQuery query, SatisfactionReport.Result result) {
        List<List<Object>> lines = new ArrayList<>();
        result.rows().forEach((key, f) -> lines.add(csvLine(key.value(), key.agencyCode(), f, query.groupBy())));
        lines.add(csvLine("TOTAL", null, result.total(), query.groupBy()));
        return Csv.render(SatisfactionReport.csvHeader(query.groupBy()), lines);
    }

    private static List<Object> csvLine(Object key, String agencyCode, SatisfactionFigures f, GroupBy groupBy) {
        List<Object> line = new ArrayList<>();
        line.add(key);
        if (groupBy == GroupBy.COUNTER) {
            line.add(agencyCode);
        }
        line.addAll(List.of(f.counted(), f.byClass().satisfied(), f.byClass().neutral(), f.byClass().dissatisfied()));
        line.add(f.satisfactionRate());
        line.add(f.dissatisfactionRate());
        line.add(f.reRatings());
        for (SipasElement e : SipasElement.values()) {
            line.add(f.reasons().getOrDefault(e.name(), 0L));
        }
        return line;
    }
}
