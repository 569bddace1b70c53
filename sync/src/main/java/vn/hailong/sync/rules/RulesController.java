package vn.hailong.sync.rules;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code PUT /api/v1/admin/rules}: the deployment's rules (ADMIN); {@code GET} reads them back. */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/rules")
public class RulesController {
    private static final Logger LOG = LoggerFactory.getLogger(RulesController.class);
    private final RulesStore rules;

    public RulesController(RulesStore rules) {
        this.rules = rules;
    }

    @Put
    public Rules replace(@Body Rules given) {
        Rules stored = rules.replace(given);
        LOG.info("rules set: {}", stored);
        return stored;
    }

    @Get
    public Rules read() {
        return rules.current();
    }
}
