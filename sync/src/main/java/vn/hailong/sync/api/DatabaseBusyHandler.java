package vn.hailong.sync.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No database connection within the pool's timeout (every connection busy, or the database down): 503 with
 * Retry-After, not 500. Nothing was stored, so a terminal sends the same batch again and loses nothing.
 */
@Produces(Problems.CONTENT_TYPE)
@Singleton
@Requires(classes = {CannotGetJdbcConnectionException.class, ExceptionHandler.class})
public class DatabaseBusyHandler implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBusyHandler.class);
    private final ApiProblemHandler problems;

    public DatabaseBusyHandler(ApiProblemHandler problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
        LOG.warn("{} {}: no database connection ({}): answering 503", request.getMethod(), request.getPath(),
                exception.getCause() == null ? exception.getMessage() : exception.getCause().getMessage());
        return problems.handle(request, Problems.busy("the database is busy or unreachable; send the request again later"));
    }
}
