package vn.hailong.sync.operator;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.Problems;

/** {@code POST /api/v1/admin/operators}: an ADMIN makes operator tokens; the same name again rotates the token. */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/operators")
public class OperatorController {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorController.class);
    private final JdbcOperations jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OperatorController(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Serdeable
    public record NewOperator(@Nullable String name, @Nullable String role) {
    }

    @Serdeable
    public record Created(String name, String role, String token) {
    }

    @Post
    @Transactional
    public HttpResponse<Created> create(@Body NewOperator request) {
        if (!Identifiers.isOpaque(request.name())) {
            throw Problems.invalid("name", Identifiers.opaqueRule());
        }
        OperatorRole role;
        try {
            role = OperatorRole.valueOf(String.valueOf(request.role()));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("role", "must be ADMIN or VIEWER");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = OperatorTokens.hashHex(token);
        jdbc.prepareStatement("DELETE FROM operator WHERE name = ?", ps -> {
            ps.setString(1, request.name());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO operator (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, request.name());
            ps.setString(2, role.name());
            ps.setString(3, hash);
            ps.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        });
        LOG.info("operator {} given a token with role {}", request.name(), role);
        return HttpResponse.status(HttpStatus.CREATED).body(new Created(request.name(), role.name(), token));
    }
}
