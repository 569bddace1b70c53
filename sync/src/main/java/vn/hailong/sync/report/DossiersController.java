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

/** {@code GET /api/v1/reports/dossiers}: timeliness and the 766 rate, JSON or CSV. */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports")
public class DossiersController {
    private static final List<String> FIGURES = List.of("returned", "early", "onTime", "late", "onTimeRate", "rated",
            "responseRate", "rate766");
    private final DossiersReport report;

    public DossiersController(DossiersReport report) {
        this.report = report;
    }

    @Get(value = "/dossiers", produces = {"application/json", "text/csv"})
    public HttpResponse<?> dossiers(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                    @Nullable @QueryValue String agency, @Nullable @QueryValue String groupBy,
                                    @Nullable @QueryValue String format, @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        ReportQuery query = ReportQuery.parse(from, to, agency, groupBy, format, accept);
        Map<SatisfactionReport.Key, long[]> counts = report.counts(query);
        long[] total = new long[6];
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((key, c) -> {
            for (int i = 0; i < 6; i++) {
                total[i] += c[i];
            }
            if (query.groupBy() != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", key.value());
                row.putAll(DossiersReport.figures(c));
                rows.add(row);
            }
        });
        Map<String, Object> totals = DossiersReport.figures(total);
        if (query.csv()) {
            List<String> header = new ArrayList<>(List.of("key"));
            header.addAll(FIGURES);
            List<List<Object>> lines = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                List<Object> line = new ArrayList<>();
                line.add(row.get("key"));
                FIGURES.forEach(f -> line.add(row.get(f)));
                lines.add(line);
            }
            List<Object> last = new ArrayList<>(List.of("TOTAL"));
            FIGURES.forEach(f -> last.add(totals.get(f)));
            lines.add(last);
            return HttpResponse.ok(Csv.render(header, lines)).contentType(Csv.CONTENT_TYPE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", "dossiers");
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("agency", query.agency());
        body.put("groupBy", query.groupBy() == null ? null : query.groupBy().parameter());
        body.put("rows", rows);
        body.put("total", totals);
        return HttpResponse.ok(body);
    }
}
