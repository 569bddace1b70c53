package vn.hailong.sync.terminal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.http.HttpStatus;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.Problems;

/** Provisioning of counter terminals by an ADMIN operator. */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/terminals")
public class TerminalController {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalController.class);
    private final TerminalStore terminals;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TerminalController(TerminalStore terminals, Clock clock) {
        this.terminals = terminals;
        this.clock = clock;
    }

    @Serdeable
    public record ProvisionRequest(@Nullable String terminalId, @Nullable String agencyCode, @Nullable String counter) {
    }

    @Serdeable
    public record Provisioned(String terminalId, String secret) {
    }

    @Post
    public HttpResponse<Provisioned> provision(@Body ProvisionRequest request) {
        if (!Identifiers.isTerminalId(request.terminalId())) {
            throw Problems.invalid("terminalId", Identifiers.terminalRule());
        }
        if (!Identifiers.isOpaque(request.agencyCode())) {
            throw Problems.invalid("agencyCode", Identifiers.opaqueRule() + " (for example 000.00.15.H12)");
        }
        if (request.counter() != null && !Identifiers.isOpaque(request.counter())) {
            throw Problems.invalid("counter", Identifiers.opaqueRule());
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        boolean created = terminals.upsert(request.terminalId(), request.agencyCode(), request.counter(), secret,
                clock.instant());
        LOG.info("terminal {} {} for agency {} counter {}", request.terminalId(),
                created ? "provisioned" : "re-provisioned (secret rotated)", request.agencyCode(), request.counter());
        return HttpResponse.status(HttpStatus.CREATED).body(new Provisioned(request.terminalId(), secret));
    }

    @Delete("/{terminalId}")
    public HttpResponse<Void> revoke(@PathVariable String terminalId) {
        if (!terminals.revoke(terminalId)) {
            throw Problems.of(HttpStatus.NOT_FOUND, "Unknown terminal", "no terminal with id " + terminalId);
        }
        LOG.info("terminal {} revoked", terminalId);
        return HttpResponse.noContent();
    }
}
