package vn.hailong.kiosk.outbox;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.panel.PanelConnector;
import vn.hailong.kiosk.survey.SurveyBankCache;

/**
 * Ships pending outbox events to the central server in signed batches, in seq order, and marks them from
 * the answer. Any failure (no network, server down, no answer, a non-200) leaves them pending and retries
 * with a growing delay: the server's de-duplication makes a resend harmless.
 */
@Singleton
public class OutboxSender implements AutoCloseable {
    static final String BATCHES_PATH = "/api/v1/sync/batches";
    static final String HEARTBEAT_PATH = "/api/v1/sync/heartbeat";
    static final String SURVEY_PATH = "/api/v1/sync/survey";
    private static final Duration SURVEY_REFRESH = Duration.ofHours(1);
    private static final String VERSION = Optional.ofNullable(OutboxSender.class.getPackage().getImplementationVersion())
            .orElse("dev");
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final OutboxStore outbox;
    private final SyncStatus status;
    private final JsonMapper json;
    private final Clock clock;
    private final SyncSettings settings;
    private final KioskConfig config;
    private final PanelConnector panels;
    private final SurveyBankCache surveys;
    private final HttpClient http;
    private final Semaphore wakeups = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread thread;
    private int batchSize;

    public OutboxSender(OutboxStore outbox, SyncStatus status, JsonMapper json, Clock clock, SyncSettings settings,
                        KioskConfig config, PanelConnector panels, SurveyBankCache surveys) {
        this.outbox = outbox;
        this.status = status;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.config = config;
        this.panels = panels;
        this.surveys = surveys;
        this.batchSize = settings.batchSize();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts the background sender; it runs until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "outbox-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something was stored: send soon rather than at the next idle check. */
    public void wake() {
        wakeups.release();
    }

    private enum Round { MORE, IDLE, FAILED }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        long nextHeartbeat = 0;
        while (stopped.getCount() > 0) {
            Round round;
            try {
                if (System.nanoTime() - nextHeartbeat >= 0) {
                    prune();
                    heartbeat();
                    nextHeartbeat = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds());
                }
                round = sendOnce();
            } catch (RuntimeException e) {
                LOG.error("sending the outbox failed unexpectedly", e);
                status.failed(SyncProblem.INTERNAL, String.valueOf(e.getMessage()), false, null);
                round = Round.FAILED;
            }
            try {
                if (round == Round.MORE) {
                    backoff = Duration.ofSeconds(1);
                } else if (round == Round.IDLE) {
                    backoff = Duration.ofSeconds(1);
                    wakeups.tryAcquire(settings.idleCheckSeconds(), TimeUnit.SECONDS);
                    wakeups.drainPermits();
                } else {
                    long jitter = ThreadLocalRandom.current().nextLong(backoff.toMillis() / 4 + 1);
                    if (stopped.await(backoff.toMillis() + jitter, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2);
                    Duration max = Duration.ofSeconds(settings.maxBackoffSeconds());
                    if (backoff.compareTo(max) > 0) {
                        backoff = max;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void prune() {
        if (settings.retentionDays() <= 0) {
            return;
        }
        int pruned = outbox.pruneSent(clock.instant().minus(Duration.ofDays(settings.retentionDays())));
        if (pruned > 0) {
            LOG.info("pruned {} sent events older than {} days", pruned, settings.retentionDays());
        }
    }

    /** Tells the server this terminal is alive, its backlog and its panel's state; failures only log. */
    private void heartbeat() {
        byte[] body = heartbeatBody();
        try {
            HttpResponse<String> response = http.send(signed("POST", HEARTBEAT_PATH, body),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                status.reachable(skew(parse(response.body())));
            } else {
                LOG.warn("heartbeat answered HTTP {}: {}", response.statusCode(), response.body());
            }
            Instant fetched = surveys.fetchedAt();
            if (fetched == null || fetched.plus(SURVEY_REFRESH).isBefore(clock.instant())) {
                HttpResponse<String> bank = http.send(signed("GET", SURVEY_PATH, new byte[0]),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (bank.statusCode() == 200) {
                    surveys.store(bank.body(), clock.instant());
                } else {
                    LOG.warn("survey bank answered HTTP {}: {}", bank.statusCode(), bank.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("heartbeat not delivered: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] heartbeatBody() {
        String panel = panels.current().map(p -> p.driver().status().state().name()).orElse("NONE");
        return ("{\"terminalId\":\"" + config.terminalId() + "\",\"sentAt\":\"" + OffsetDateTime.now(clock)
                + "\",\"pending\":" + outbox.pendingCount() + ",\"panel\":\"" + panel + "\",\"version\":\""
                + VERSION + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** What one signed heartbeat told the installer's check (kiểm tra kết nối máy chủ). */
    public record ServerCheck(boolean ok, String detail) {
    }

    /** One signed heartbeat, now: does the server answer, and does it know this terminal and its secret? */
    public ServerCheck check() {
        String server = config.serverUrl();
        try {
            HttpResponse<String> response = http.send(signed("POST", HEARTBEAT_PATH, heartbeatBody()),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, Object> answer = parse(response.body());
            String detail = answer != null && answer.get("detail") != null ? String.valueOf(answer.get("detail"))
                    : "HTTP " + response.statusCode();
            if (response.statusCode() == 401) {
                return new ServerCheck(false, server + " refused terminal " + config.terminalId() + ": " + detail
                        + " (check the terminal id and secret; provisioning again gives a new secret)");
            }
            if (response.statusCode() != 200) {
                return new ServerCheck(false, server + " answered HTTP " + response.statusCode() + ": " + detail);
            }
            Long skew = skew(answer);
            if (skew != null && Math.abs(skew) > 300) {
                return new ServerCheck(false, "this terminal's clock is " + skew + " s off the server's: signed requests "
                        + "are refused beyond 300 s; set the clock (timedatectl set-ntp true) and check again");
            }
            return new ServerCheck(true, server + " accepted terminal " + config.terminalId()
                    + "'s signed heartbeat; clock difference " + (skew == null ? "unknown" : skew + " s"));
        } catch (IOException e) {
            return new ServerCheck(false, "cannot reach " + server + ": " + e
                    + " (is the address right, the server running, the network or firewall open?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServerCheck(false, "interrupted");
        }
    }

    private HttpRequest signed(String method, String path, byte[] body) {
        URI uri = URI.create(config.serverUrl().replaceAll("/+$", "") + path);
        String timestamp = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toString();
        String signature = new RequestSigner(config.terminalSecret()).sign(method, uri.getRawPath(), timestamp, body);
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(settings.requestTimeoutSeconds()))
                .header("Content-Type", "application/json")
                .header("X-Hailong-Terminal", config.terminalId())
                .header("X-Hailong-Timestamp", timestamp)
                .header("X-Hailong-Signature", signature)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private Round sendOnce() {
        List<OutboxStore.PendingEvent> events = outbox.pending(batchSize);
        if (events.isEmpty()) {
            return Round.IDLE;
        }
        String batchId = UUID.randomUUID().toString();
        HttpRequest request = signed("POST", BATCHES_PATH, batchBody(batchId, events));
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return failed(SyncProblem.TIMEOUT, "no answer within " + settings.requestTimeoutSeconds() + " s", false, null, e);
        } catch (ConnectException e) {
            return failed(SyncProblem.UNREACHABLE, config.serverUrl(), false, null, e);
        } catch (IOException e) {
            return failed(SyncProblem.UNREACHABLE, String.valueOf(e.getMessage()), false, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Round.FAILED;
        }
        return answered(batchId, events, response);
    }

    private Round answered(String batchId, List<OutboxStore.PendingEvent> events, HttpResponse<String> response) {
        Map<String, Object> answer = parse(response.body());
        Long skew = skew(answer);
        int code = response.statusCode();
        if (code == 200 && answer != null) {
            Map<String, Long> seqById = new HashMap<>();
            events.forEach(e -> seqById.put(e.eventId(), e.seq()));
            Map<Long, String> rejected = new HashMap<>();
            Object list = answer.get("rejected");
            if (list instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> r && seqById.containsKey(String.valueOf(r.get("id")))) {
                        rejected.put(seqById.get(String.valueOf(r.get("id"))), String.valueOf(r.get("reason")));
                    }
                }
            }
            long covered = answer.get("highestContiguousSeq") instanceof Number n ? n.longValue() : 0L;
            outbox.markAnswered(events.stream().map(OutboxStore.PendingEvent::seq).toList(), rejected, covered,
                    clock.instant());
            status.succeeded(clock.instant(), skew);
            batchSize = settings.batchSize();
            LOG.info("batch {}: {} events sent, {} accepted, {} duplicates, {} rejected, server covers up to seq {}",
                    batchId, events.size(), answer.get("accepted"), answer.get("duplicates"), rejected.size(),
                    answer.get("highestContiguousSeq"));
            rejected.forEach((seq, reason) -> LOG.warn("event seq {} rejected by the server for good: {}", seq, reason));
            return events.size() < batchSize ? Round.IDLE : Round.MORE;
        }
        String detail = answer != null && answer.get("detail") != null ? String.valueOf(answer.get("detail")) : "HTTP " + code;
        if (code == 413 && batchSize > 1) {
            batchSize = Math.max(1, batchSize / 2);
            LOG.warn("server refused a batch of {} events as too large; sending {} at a time", events.size(), batchSize);
            return Round.MORE;
        }
        if (code == 401) {
            return failed(SyncProblem.TERMINAL_REFUSED, detail, true, skew, null);
        }
        return failed(SyncProblem.SERVER_ERROR, "HTTP " + code + ": " + detail, true, skew, null);
    }

    private Round failed(SyncProblem problem, String detail, boolean reachable, Long skew, Exception cause) {
        LOG.warn("sync failed, will retry: {}: {}{}", problem, detail, cause == null ? "" : " (" + cause + ")");
        status.failed(problem, detail, reachable, skew);
        return Round.FAILED;
    }

    private byte[] batchBody(String batchId, List<OutboxStore.PendingEvent> events) {
        StringBuilder b = new StringBuilder(256 + events.size() * 256);
        b.append("{\"batchId\":\"").append(batchId)
                .append("\",\"terminalId\":\"").append(config.terminalId())
                .append("\",\"sentAt\":\"").append(OffsetDateTime.now(clock).toString())
                .append("\",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(events.get(i).body());
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> parse(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The terminal's clock minus the server's, in seconds, from the server's time in an answer. */
    private Long skew(Map<String, Object> answer) {
        if (answer == null || !(answer.get("serverTime") instanceof String serverTime)) {
            return null;
        }
        try {
            Instant server = OffsetDateTime.parse(serverTime).toInstant();
            return Duration.between(server, clock.instant()).toSeconds();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    @PreDestroy
    public void close() {
        stopped.countDown();
        wakeups.release();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
