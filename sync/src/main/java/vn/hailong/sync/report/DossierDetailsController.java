package vn.hailong.sync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Map;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.rules.RulesStore;

/**
 * {@code GET /api/v1/reports/dossiers/{code}}: one dossier's record, timeliness, apology finding as of {@code asOf}
 * (default now) and counted rating; the late-dossier rows of the dashboard open it.
 */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports")
public class DossierDetailsController {
    private final DossierDetails details;
    private final RulesStore rules;
    private final Clock clock;

    public DossierDetailsController(DossierDetails details, RulesStore rules, Clock clock) {
        this.details = details;
        this.rules = rules;
        this.clock = clock;
    }

    @Get(value = "/dossiers/{code}", produces = "application/json")
    public Map<String, Object> dossier(@PathVariable String code, @Nullable @QueryValue String asOf) {
        if (!Identifiers.isOpaque(code)) {
            throw Problems.invalid("code", Identifiers.opaqueRule());
        }
        return details.find(code, ApologyController.asOf(asOf, clock), rules.current()).orElseThrow(() ->
                Problems.of(HttpStatus.NOT_FOUND, "Unknown dossier", "no dossier with code " + code
                        + " has been imported (POST /api/v1/admin/dossiers)"));
    }
}
