package vn.hailong.sync.ingest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import vn.hailong.sync.terminal.Terminal;

/** Signed endpoints the counter terminals call. */
@Controller("/api/v1/sync")
public class SyncController {
    private final TerminalAuthenticator authenticator;
    private final BatchIngest ingest;

    public SyncController(TerminalAuthenticator authenticator, BatchIngest ingest) {
        this.authenticator = authenticator;
        this.ingest = ingest;
    }

    @Post(value = "/batches", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public BatchResult batches(HttpRequest<?> request, @Body byte[] body) {
        Terminal terminal = authenticator.authenticate(request, body);
        return ingest.ingest(terminal, body);
    }
}
