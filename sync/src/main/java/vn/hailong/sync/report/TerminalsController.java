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
import java.util.stream.Collectors;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.Problems;

/** {@code GET /api/v1/reports/terminals}: the state of every terminal (of an agency subtree), JSON or CSV. */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports")
public class TerminalsController {
    private static final List<String> COLUMNS = List.of("terminalId", "agencyCode", "counter", "revoked", "lastSeen",
            "pending", "panel", "highestContiguousSeq", "gaps", "clockSkewSeconds");

    private final TerminalsReport report;

    public TerminalsController(TerminalsReport report) {
        this.report = report;
    }

    @Get(value = "/terminals", produces = {"application/json", "text/csv"})
    public HttpResponse<?> terminals(@Nullable @QueryValue String agency, @Nullable @QueryValue String format,
                                     @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        if (agency != null && !agency.isEmpty() && !Identifiers.isOpaque(agency)) {
            throw Problems.invalid("agency", Identifiers.opaqueRule());
        }
        if (format != null && !format.isEmpty() && !format.equals("csv") && !format.equals("json")) {
            throw Problems.invalid("format", "must be csv or json, got '" + format + "'");
        }
        List<Map<String, Object>> rows = report.rows(agency == null || agency.isEmpty() ? null : agency);
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (csv) {
            List<List<Object>> lines = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                List<Object> line = new ArrayList<>();
                for (String c : COLUMNS) {
                    Object v = row.get(c);
                    line.add(c.equals("gaps") ? gaps(v) : v);
                }
                lines.add(line);
            }
            return HttpResponse.ok(Csv.render(COLUMNS, lines)).contentType(Csv.CONTENT_TYPE)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"terminals.csv\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", "terminals");
        body.put("agency", agency);
        body.put("rows", rows);
        return HttpResponse.ok(body);
    }

    @SuppressWarnings("unchecked")
    private static String gaps(Object v) {
        return ((List<Map<String, Long>>) v).stream().map(g -> g.get("from") + "-" + g.get("to"))
                .collect(Collectors.joining(" "));
    }
}
