package vn.hailong.sync.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operator endpoints need {@code Authorization: Bearer TOKEN}; reports need any role, admin calls ADMIN. */
@ServerFilter({"/api/v1/admin/**", "/api/v1/reports/**"})
public class OperatorAuthFilter {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAuthFilter.class);
    private final OperatorTokens tokens;

    public OperatorAuthFilter(OperatorTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authorize(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(request, HttpStatus.UNAUTHORIZED,
                    "this endpoint needs an operator token: send 'Authorization: Bearer TOKEN'");
        }
        Optional<OperatorRole> role = tokens.roleOf(header.substring(7).trim());
        if (role.isEmpty()) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "the bearer token is not a known operator token");
        }
        boolean adminCall = request.getPath().startsWith("/api/v1/admin/");
        if (adminCall && role.get() != OperatorRole.ADMIN) {
            return refuse(request, HttpStatus.FORBIDDEN, "this call needs the ADMIN role; the token has " + role.get());
        }
        return null;
    }

    private static MutableHttpResponse<?> refuse(HttpRequest<?> request, HttpStatus status, String detail) {
        LOG.atWarn().addKeyValue("path", request.getPath()).addKeyValue("status", status.getCode())
                .addKeyValue("remote", request.getRemoteAddress().getHostString())
                .log("refused {} {} from {}: {}", request.getMethod(), request.getPath(), request.getRemoteAddress(), detail);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReason());
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        MutableHttpResponse<?> response = HttpResponse.status(status).body(problem).contentType("application/problem+json");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response;
    }
}
