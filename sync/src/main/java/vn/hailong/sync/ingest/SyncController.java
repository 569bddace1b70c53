package vn.hailong.sync.ingest;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.terminal.Terminal;
import vn.hailong.sync.terminal.TerminalStore;

/** Signed endpoints the counter terminals call. */
@Tag(name = "sync")
@Controller("/api/v1/sync")
public class SyncController {
    private static final Set<String> PANEL_STATES = Set.of("OK", "OFFLINE", "NONE");

    private final TerminalAuthenticator authenticator;
    private final BatchIngest ingest;
    private final TerminalStore terminals;
    private final JsonMapper json;
    private final Clock clock;

    public SyncController(TerminalAuthenticator authenticator, BatchIngest ingest, TerminalStore terminals,
                          JsonMapper json, Clock clock) {
        this.authenticator = authenticator;
        this.ingest = ingest;
        this.terminals = terminals;
        this.json = json;
        this.clock = clock;
    }

    /** {@code {terminalId, sentAt, pending, panel, version}} → {@code {serverTime}}. */
    @Post(value = "/heartbeat", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> heartbeat(HttpRequest<?> request, @Body byte[] body) {
        Terminal terminal = authenticator.authenticate(request, body);
        JsonNode root;
        try {
            root = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw Problems.invalid("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw Problems.invalid("body", "must be a JSON object {terminalId, sentAt, pending, panel, version}");
        }
        JsonNode id = root.get("terminalId");
        if (id == null || !id.isString() || !id.getStringValue().equals(terminal.terminalId())) {
            throw Problems.invalid("terminalId", "must be the signing terminal " + terminal.terminalId());
        }
        JsonNode pending = root.get("pending");
        if (pending == null || !pending.isNumber() || pending.getLongValue() < 0) {
            throw Problems.invalid("pending", "must be a whole number of events, 0 or more");
        }
        JsonNode panel = root.get("panel");
        if (panel == null || !panel.isString() || !PANEL_STATES.contains(panel.getStringValue())) {
            throw Problems.invalid("panel", "must be OK, OFFLINE or NONE");
        }
        JsonNode version = root.get("version");
        String v = version != null && version.isString() ? version.getStringValue() : null;
        if (v != null && v.length() > 64) {
            throw Problems.invalid("version", "is at most 64 characters");
        }
        if (v != null && v.chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL refuses a NUL in text (ApiFuzzTest found the 500); no version needs a control character
            throw Problems.invalid("version", "must be printable text, without control characters");
        }
        Instant now = clock.instant();
        terminals.heartbeat(terminal.terminalId(), now, pending.getLongValue(), panel.getStringValue(), v);
        return Map.of("serverTime", now.atOffset(ZoneOffset.UTC).toString());
    }

    @Post(value = "/batches", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public BatchResult batches(HttpRequest<?> request, @Body byte[] body) {
        Terminal terminal = authenticator.authenticate(request, body);
        return ingest.ingest(terminal, body);
    }
}
