package vn.hailong.sync.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body over the server's limit ({@code HAILONG_MAX_IMPORT_BYTES}, 10 MiB unless set): 413 saying what to do. The
 * largest body is a dossier import, and the server buffers a body whole before it reads it: a 9 MiB import (37,483
 * dossiers) took 10 s at the installed 1 GB heap, a 30 MiB one 77 s and 1.3 GB resident, a 256 MiB one did not end
 * in 12 minutes (PERFORMANCE.md). So a large export is split, or imported on the server by the command line, which
 * reads the file itself.
 */
@Produces(Problems.CONTENT_TYPE)
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Requires(classes = {ContentLengthExceededException.class, ExceptionHandler.class})
public class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(BodyTooLargeHandler.class);
    private final ApiProblemHandler problems;
    private final long limit;

    public BodyTooLargeHandler(ApiProblemHandler problems, HttpServerConfiguration server) {
        this.problems = problems;
        this.limit = server.getMaxRequestSize();
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
        LOG.warn("{} {}: body over the limit of {} bytes ({})", request.getMethod(), request.getPath(), limit,
                exception.getMessage());
        return problems.handle(request, Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Body too large",
                "the body is larger than the " + limit + " bytes this server takes (HAILONG_MAX_IMPORT_BYTES): split "
                        + "a dossier import into smaller files (a record sent twice is replaced, not counted twice), "
                        + "or import the file on the server with: java -jar hailong-sync.jar import dossiers FILE"));
    }
}
