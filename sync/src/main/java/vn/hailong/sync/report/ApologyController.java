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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.rules.Rules;
import vn.hailong.sync.rules.RulesStore;

/** {@code GET /api/v1/reports/apology}: apology-letter compliance of dossiers due in the period, as of {@code asOf}. */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports")
public class ApologyController {
    private final ApologyReport report;
    private final RulesStore rules;
    private final Clock clock;

    public ApologyController(ApologyReport report, RulesStore rules, Clock clock) {
        this.report = report;
        this.rules = rules;
        this.clock = clock;
    }

    @Get(value = "/apology", produces = {"application/json", "text/csv"})
    public HttpResponse<?> apology(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                   @Nullable @QueryValue String agency, @Nullable @QueryValue String groupBy,
                                   @Nullable @QueryValue String asOf, @Nullable @QueryValue String dossiers,
                                   @Nullable @QueryValue String format,
                                   @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        ReportQuery query = ReportQuery.parse(from, to, agency, groupBy, format, accept);
        boolean listed = listDossiers(dossiers, query.csv());
        if (query.groupBy() == GroupBy.COUNTER || query.groupBy() == GroupBy.TERMINAL) {
            throw Problems.invalid("groupBy", "dossiers group by agency, officer, procedure, day or month, not "
                    + query.groupBy().parameter());
        }
        OffsetDateTime at = asOf(asOf, clock);
        Rules current = rules.current();
        List<ApologyReport.Finding> late = report.findings(query, at, current);
        Map<String, Object> total = ApologyReport.figures(late);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (query.groupBy() != null) {
            // hashed, then sorted once: a year grouped by day puts 40,000 dossiers into 365 groups
            Map<Object, List<ApologyReport.Finding>> hashed = new java.util.HashMap<>();
            for (ApologyReport.Finding f : late) {
                hashed.computeIfAbsent(key(f, query.groupBy()), k -> new ArrayList<>()).add(f);
            }
            Map<String, List<ApologyReport.Finding>> groups = new java.util.TreeMap<>(java.util.Comparator.nullsFirst(
                    java.util.Comparator.naturalOrder()));
            hashed.forEach((k, list) -> groups.put(name(k), list));
            groups.forEach((k, list) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", k);
                row.putAll(ApologyReport.figures(list));
                rows.add(row);
            });
        }
        if (query.csv()) {
            List<String> header = new ArrayList<>(List.of("code", "agencyCode", "dueAt", "returnedAt", "responsibleAgency",
                    "flags", "officerId", "procedureCode"));
            List<List<Object>> lines = new ArrayList<>();
            for (ApologyReport.Finding f : late) {
                lines.add(java.util.Arrays.asList(f.code(), f.agencyCode(), f.dueAt().toString(),
                        f.returnedAt() == null ? null : f.returnedAt().toString(), f.responsibleAgency(),
                        String.join(" ", f.flags()), f.officerId(), f.procedureCode()));
            }
            return HttpResponse.ok(Csv.render(header, lines)).contentType(Csv.CONTENT_TYPE);
        }
        ApologyAnswer answer = new ApologyAnswer(query, at, current.apologyDeadline(), rows, total,
                listed ? late : null, ApologyReport.repeatedLateness(late, current.repeatedLatenessThreshold()));
        return JsonAnswer.ok(answer::write);
    }

    /**
     * The {@code dossiers} parameter: {@code false} leaves the list of late dossiers out of the JSON answer, for a
     * client that wants the figures only (the dashboard's overview: a year of a province lists 40,000 dossiers, 6 MB).
     */
    static boolean listDossiers(String dossiers, boolean csv) {
        if (dossiers == null || dossiers.equals("true")) {
            return true;
        }
        if (!dossiers.equals("false")) {
            throw Problems.invalid("dossiers", "must be true or false, got '" + dossiers + "'");
        }
        if (csv) {
            throw Problems.invalid("dossiers", "the CSV is the list of late dossiers: leave out dossiers=false, or ask for JSON");
        }
        return false;
    }

    /** The {@code asOf} parameter: an instant with an offset, or now when absent. */
    static OffsetDateTime asOf(String asOf, Clock clock) {
        return asOf == null || asOf.isEmpty() ? OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                : LocalTime.parseInstant(asOf).orElseThrow(() -> Problems.invalid("asOf",
                        "must be an ISO-8601 instant with an offset, got '" + asOf + "'"));
    }

    /** A dossier's group: a code, or its due day or month, named by {@link #name} once per group. */
    private static Object key(ApologyReport.Finding f, GroupBy groupBy) {
        return switch (groupBy) {
            case AGENCY -> f.agencyCode();
            case OFFICER -> f.officerId();
            case PROCEDURE -> f.procedureCode();
            case DAY -> f.dueDate();
            case MONTH -> java.time.YearMonth.from(f.dueDate());
            default -> null;
        };
    }

    private static String name(Object key) {
        return key == null ? null : key.toString();
    }
}
