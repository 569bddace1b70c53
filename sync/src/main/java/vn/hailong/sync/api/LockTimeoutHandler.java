package vn.hailong.sync.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that waited in vain for a row another transaction holds (a dossier import meeting another import of the
 * same dossiers, an operator's session): 503 with Retry-After, as when no connection is free, not 500. Its
 * transaction rolled back (for a large import, the chunk being stored: the chunks before it stay), and every write
 * of the API is safe to send again (an import replaces the records it names, it does not add them twice). Any
 * other database failure stays a 500, logged here with its cause.
 */
@Produces(Problems.CONTENT_TYPE)
@Singleton
@Requires(classes = {DataAccessException.class, ExceptionHandler.class})
public class LockTimeoutHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(LockTimeoutHandler.class);
    private final ApiProblemHandler problems;
    private final ErrorResponseProcessor<?> errors;

    public LockTimeoutHandler(ApiProblemHandler problems, ErrorResponseProcessor<?> errors) {
        this.problems = problems;
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
        Set<String> states = SqlStates.of(exception);
        if (SqlStates.lockTimeout(states)) {
            LOG.warn("{} {}: waited too long for a row another transaction holds ({}): answering 503",
                    request.getMethod(), request.getPath(), states);
            return problems.handle(request, Problems.busy("the database is busy with another change to the same "
                    + "records; send the same request again later (repeating it is safe)"));
        }
        LOG.error("{} {} failed in the database ({})", request.getMethod(), request.getPath(), states, exception);
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage("Internal Server Error").build(), HttpResponse.serverError());
    }
}
