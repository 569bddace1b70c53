package vn.hailong.sync.ingest;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.http.HttpStatus;
import vn.hailong.sync.api.ApiProblem;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.terminal.Terminal;
import vn.hailong.sync.terminal.TerminalStore;

/**
 * Checks the X-Hailong-* headers of a terminal request. Every refusal is 401 and carries the server's time,
 * so a terminal can tell a wrong clock from a wrong key.
 */
@Singleton
public class TerminalAuthenticator {
    static final String TERMINAL = "X-Hailong-Terminal";
    static final String TIMESTAMP = "X-Hailong-Timestamp";
    static final String SIGNATURE = "X-Hailong-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(TerminalAuthenticator.class);

    private final TerminalStore terminals;
    private final Clock clock;
    private final Duration window;

    public TerminalAuthenticator(TerminalStore terminals, Clock clock,
                                 @Property(name = "hailong.sync.signature-window-seconds", defaultValue = "300") long windowSeconds) {
        this.terminals = terminals;
        this.clock = clock;
        this.window = Duration.ofSeconds(windowSeconds);
    }

    public Terminal authenticate(HttpRequest<?> request, byte[] body) {
        Instant now = clock.instant();
        String terminalId = request.getHeaders().get(TERMINAL);
        String timestamp = request.getHeaders().get(TIMESTAMP);
        String signature = request.getHeaders().get(SIGNATURE);
        if (terminalId == null || timestamp == null || signature == null) {
            throw refuse(now, terminalId, "a signed request needs the headers " + TERMINAL + ", " + TIMESTAMP + " and "
                    + SIGNATURE);
        }
        Optional<OffsetDateTime> sentAt = LocalTime.parseInstant(timestamp);
        if (sentAt.isEmpty()) {
            throw refuse(now, terminalId, TIMESTAMP + " must be an ISO-8601 instant with an offset, got '" + timestamp + "'");
        }
        Duration off = Duration.between(now, sentAt.get().toInstant());
        if (off.abs().compareTo(window) > 0) {
            throw refuse(now, terminalId, TIMESTAMP + " is " + off.toSeconds() + " s from the server's clock (at most "
                    + window.toSeconds() + " s allowed): set the terminal's clock");
        }
        Terminal terminal = terminals.find(terminalId).orElse(null);
        if (terminal == null) {
            throw refuse(now, terminalId, "terminal " + terminalId + " is not provisioned on this server");
        }
        if (terminal.revoked()) {
            throw refuse(now, terminalId, "terminal " + terminalId + " has been revoked: provision it again");
        }
        String path = request.getUri().getRawPath();
        String expected = RequestSignature.sign(terminal.secret(), request.getMethodName(), path, timestamp, body);
        if (!RequestSignature.matches(expected, signature)) {
            throw refuse(now, terminalId, "the signature does not match: check the terminal's secret (it changes when "
                    + "the terminal is provisioned again)");
        }
        return terminal;
    }

    private static ApiProblem refuse(Instant now, String terminalId, String detail) {
        LOG.atWarn().addKeyValue("terminal", terminalId).addKeyValue("refused", true)
                .log("refused terminal request from {}: {}", terminalId, detail);
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized terminal", detail)
                .with("serverTime", now.atOffset(ZoneOffset.UTC).toString());
    }
}
