package vn.hailong.sync.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Errors the framework raises itself (unknown path, wrong method, unreadable body, too large) also answer
 * {@code application/problem+json}, so a client handles one error format.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemErrorBody implements JsonErrorResponseBodyProvider<Map<String, Object>> {
    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", response.getStatus().getReason());
        body.put("status", response.getStatus().getCode());
        String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        if (response.getStatus().getCode() >= 500) {
            // never SQL, class names or stack traces to a client: the server log has them
            detail = "the server could not complete the request; the server log has the details";
        }
        body.put("detail", detail.isEmpty() ? response.getStatus().getReason() : detail);
        context.getErrors().stream().map(Error::getPath).flatMap(java.util.Optional::stream).findFirst()
                .ifPresent(path -> body.put("field", path));
        return body;
    }

    @Override
    public String contentType() {
        return Problems.CONTENT_TYPE;
    }
}
