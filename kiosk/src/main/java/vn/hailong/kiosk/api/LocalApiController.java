package vn.hailong.kiosk.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.hardware.panel.PanelDiagnostics;
import vn.hailong.hardware.panel.PanelState;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.outbox.SyncStatus;
import vn.hailong.kiosk.panel.ConnectedPanel;
import vn.hailong.kiosk.panel.PanelConnector;
import vn.hailong.kiosk.rating.RatingRecorder;
import vn.hailong.kiosk.session.RatingSession;
import vn.hailong.kiosk.session.RatingSessions;
import vn.hailong.kiosk.session.SessionConflict;

/**
 * The kiosk's local API for the one-stop software on the same machine (sync-protocol.md, "The kiosk's side"):
 * open, read and cancel the dossier session; read the terminal's status. Bound to 127.0.0.1, no auth.
 */
@Controller("/api/v1")
public class LocalApiController {
    private static final Logger LOG = LoggerFactory.getLogger(LocalApiController.class);
    private static final String PROBLEM = "application/problem+json";

    private final RatingSessions sessions;
    private final OutboxStore outbox;
    private final SyncStatus sync;
    private final PanelConnector panels;
    private final KioskConfig config;
    private final RatingRecorder recorder;

    public LocalApiController(RatingSessions sessions, OutboxStore outbox, SyncStatus sync, PanelConnector panels,
                              KioskConfig config, RatingRecorder recorder) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.sync = sync;
        this.panels = panels;
        this.config = config;
        this.recorder = recorder;
    }

    @Serdeable
    public record OpenSession(@Nullable String dossierCode, @Nullable String officerId, @Nullable String procedureCode) {
    }

    @Post("/session")
    public HttpResponse<?> open(@Body OpenSession request) {
        List<String> problems = RatingSessions.problems(request.dossierCode(), request.officerId(), request.procedureCode());
        if (!problems.isEmpty()) {
            String field = problems.get(0).substring(0, problems.get(0).indexOf(':'));
            return problem(HttpStatus.BAD_REQUEST, String.join("; ", problems), Map.of("field", field));
        }
        try {
            RatingSession s = sessions.open(request.dossierCode(), request.officerId(), request.procedureCode());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sessionId", s.sessionId());
            body.put("dossierCode", s.dossierCode());
            body.put("expiresAt", s.expiresAt().toString());
            return HttpResponse.status(HttpStatus.CREATED).body(body);
        } catch (SessionConflict conflict) {
            LOG.info("session for {} refused: {}", request.dossierCode(), conflict.getMessage());
            return problem(HttpStatus.CONFLICT, conflict.getMessage(), Map.of("open", view(conflict.open())));
        }
    }

    @Get("/session")
    public HttpResponse<?> current() {
        return sessions.current().<HttpResponse<?>>map(s -> HttpResponse.ok(view(s)))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no session is open", Map.of()));
    }

    @Delete("/session")
    public HttpResponse<?> cancel() {
        sessions.cancel();
        return HttpResponse.noContent();
    }

    /**
     * Queues every sent event again (after the server was restored from an old backup): the server stores what it
     * lacks and counts the rest as duplicates. Rejected events stay rejected.
     */
    @Post("/outbox/resend")
    public Map<String, Object> resend() {
        int requeued = outbox.requeueSent();
        LOG.warn("{} sent events queued again on request (server recovery)", requeued);
        return Map.of("requeued", requeued);
    }

    @Get("/status")
    public Map<String, Object> status() {
        SyncStatus.Snapshot s = sync.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terminalId", config.terminalId());
        body.put("pending", outbox.pendingCount());
        body.put("lastSeq", outbox.lastSeq());
        body.put("rejected", outbox.count("REJECTED"));
        body.put("lastSyncAt", s.lastSyncAt() == null ? null : s.lastSyncAt().toString());
        body.put("lastError", s.lastError() == null ? null : s.lastError().text(config.english()));
        body.put("lastErrorDetail", s.lastErrorDetail());
        body.put("serverReachable", s.serverReachable());
        body.put("clockSkewSeconds", s.clockSkewSeconds());
        ConnectedPanel panel = panels.current().orElse(null);
        body.put("panel", panel == null ? PanelState.NONE.name() : panel.driver().status().state().name());
        body.put("panelReason", panel == null ? null : panel.driver().status().reason());
        body.put("panelDiagnostics", panel == null ? null : diagnostics(panel.driver().diagnostics()));
        body.put("session", sessions.current().map(LocalApiController::view).orElse(null));
        body.put("storageFailure", recorder.storageFailure());
        return body;
    }

    private static Map<String, Object> diagnostics(PanelDiagnostics d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("identity", d.identity());
        v.put("framesRead", d.framesRead());
        v.put("delivered", d.delivered());
        v.put("duplicates", d.duplicates());
        v.put("debounced", d.debounced());
        v.put("reopened", d.reopened());
        Map<String, Long> dropped = new LinkedHashMap<>();
        d.dropped().forEach((reason, count) -> dropped.put(reason.name(), count));
        v.put("dropped", dropped);
        return v;
    }

    private static Map<String, Object> view(RatingSession s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sessionId", s.sessionId());
        v.put("dossierCode", s.dossierCode());
        v.put("officerId", s.officerId());
        v.put("procedureCode", s.procedureCode());
        v.put("openedAt", s.openedAt().toString());
        v.put("expiresAt", s.expiresAt().toString());
        v.put("state", "WAITING_FOR_RATING");
        return v;
    }

    private static HttpResponse<?> problem(HttpStatus status, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        body.put("detail", detail);
        body.putAll(extra);
        return HttpResponse.status(status).body(body).contentType(PROBLEM);
    }
}
