package vn.hailong.sync.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link ApiProblem} as {@code application/problem+json}. */
@Produces(Problems.CONTENT_TYPE)
@Singleton
@Requires(classes = {ApiProblem.class, ExceptionHandler.class})
public class ApiProblemHandler implements ExceptionHandler<ApiProblem, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiProblem problem) {
        MutableHttpResponse<?> response = HttpResponse.status(problem.status()).body(problem.body())
                .contentType(Problems.CONTENT_TYPE);
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(Problems.RETRY_AFTER_SECONDS));
        }
        return response;
    }
}
