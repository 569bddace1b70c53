package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers on one database: the same batches reach both at once, then one is killed with SIGKILL
 * mid-ingest and the terminal re-sends to the other. Every event is stored once: the database enforces it.
 * On PostgreSQL when {@code hailong.test.db-url} names one (install/test.sh), else on one H2 file shared
 * through H2's automatic mixed mode, so the default build runs it too.
 */
class TwoServersIT {
    private static final int BATCHES = 16;
    private static final int PER_BATCH = 250;
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final JsonMapper json = JsonMapper.createDefault();
    private final Batches batches = new Batches(json);

    private SyncServerProcess server() throws Exception {
        String url = System.getProperty("hailong.test.db-url", "");
        SyncServerProcess s = new SyncServerProcess(dir);
        if (url.startsWith("jdbc:postgresql:")) {
            s.onDatabase(url, System.getProperty("hailong.test.db-user", "postgres"),
                    System.getProperty("hailong.test.db-password", ""));
        } else {
            s.onDatabase("jdbc:h2:file:" + dir.resolve("shared").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                    "sa", "");
        }
        s.start();
        return s;
    }

    /** Batch {@code b} (from 0) holds seqs b*PER_BATCH+1 ..; values cycle 1..5 on the 5-level scale. */
    private byte[] batch(String terminal, int b, String at) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= PER_BATCH; i++) {
            long seq = (long) b * PER_BATCH + i;
            events.add(Batches.rating(terminal + "-" + seq, seq, at, 5, (int) (seq % 5) + 1));
        }
        return batches.body(terminal, events);
    }

    private static String head(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "...";
    }

    private static Map<String, Object> parse(JsonMapper json, String body) throws Exception {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    @Test
    void everyEventIsStoredOnceAcrossTwoServersAndAKill() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String terminal = "T-TWO-" + suffix;
        String agency = "TWO-" + suffix;
        String at = OffsetDateTime.now(VN).withNano(0).toString();
        try (SyncServerProcess a = server(); SyncServerProcess b = server()) {
            Api apiA = new Api(a.uri(), json);
            Api apiB = new Api(b.uri(), json);
            HttpResponse<String> provisioned = a.post("/api/v1/admin/terminals", "{\"terminalId\":\"" + terminal
                    + "\",\"agencyCode\":\"" + agency + "\",\"counter\":\"1\"}", SyncServerProcess.ADMIN_TOKEN);
            assertEquals(201, provisioned.statusCode(), provisioned.body());
            String secret = (String) parse(json, provisioned.body()).get("secret");

            // 1. the first half, each batch to both servers at the same moment
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < BATCHES; i++) {
                bodies.add(batch(terminal, i, at));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < BATCHES / 2; i++) {
                byte[] body = bodies.get(i);
                sent.add(pool.submit(() -> apiA.signed(terminal, secret, "/api/v1/sync/batches", body)));
                sent.add(pool.submit(() -> apiB.signed(terminal, secret, "/api/v1/sync/batches", body)));
            }
            long accepted = 0;
            long duplicates = 0;
            for (Future<Api.Response> f : sent) {
                Api.Response r = f.get(120, TimeUnit.SECONDS);
                assertEquals(200, r.status(), head(r.body()));
                accepted += r.number("accepted");
                duplicates += r.number("duplicates");
                assertEquals(0, r.list("rejected").size(), head(r.body()));
            }
            assertEquals((long) PER_BATCH * BATCHES / 2, accepted, "each event accepted by exactly one server");
            assertEquals(accepted, duplicates, "and reported as a duplicate by the other");

            // 2. the second half streams into B, which is killed mid-ingest; the terminal re-sends it all to A
            AtomicInteger answered = new AtomicInteger();
            CountDownLatch firstTwoAnswered = new CountDownLatch(2);
            List<Future<?>> stream = new ArrayList<>();
            for (int i = BATCHES / 2; i < BATCHES; i++) {
                byte[] body = bodies.get(i);
                stream.add(pool.submit(() -> {
                    Api.Response r = apiB.signed(terminal, secret, "/api/v1/sync/batches", body);
                    answered.incrementAndGet();
                    firstTwoAnswered.countDown();
                    return r;
                }));
            }
            assertTrue(firstTwoAnswered.await(60, TimeUnit.SECONDS), "B answers while the stream is running");
            b.kill();
            int answeredBeforeKill = answered.get();
            for (Future<?> f : stream) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException lostWithTheServer) {
                    // a request in flight when B died: the terminal never saw an answer and sends it again below
                }
            }
            pool.shutdown();
            assertTrue(answeredBeforeKill < BATCHES / 2, "B was killed before it had answered every batch");
            for (int i = BATCHES / 2; i < BATCHES; i++) {
                Api.Response r = apiA.signed(terminal, secret, "/api/v1/sync/batches", bodies.get(i));
                assertEquals(200, r.status(), head(r.body()));
                assertEquals(0, r.list("rejected").size(), head(r.body()));
            }

            // 3. the totals: every event once, no gap in the terminal's seqs
            LocalDate today = LocalDate.now(VN);
            HttpResponse<String> report = a.get("/api/v1/reports/satisfaction?from=" + today.minusDays(1) + "&to="
                    + today.plusDays(1) + "&agency=" + agency, SyncServerProcess.ADMIN_TOKEN);
            assertEquals(200, report.statusCode(), report.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> total = (Map<String, Object>) parse(json, report.body()).get("total");
            int events = BATCHES * PER_BATCH;
            assertEquals(events, ((Number) total.get("counted")).intValue(), report.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> byClass = (Map<String, Object>) total.get("byClass");
            // values 1..5 cycle evenly: 4 and 5 satisfied, 3 neutral, 1 and 2 dissatisfied
            assertEquals(events * 2 / 5, ((Number) byClass.get("satisfied")).intValue(), report.body());
            assertEquals(events / 5, ((Number) byClass.get("neutral")).intValue(), report.body());
            HttpResponse<String> terminals = a.get("/api/v1/reports/terminals?agency=" + agency,
                    SyncServerProcess.ADMIN_TOKEN);
            assertTrue(terminals.body().contains("\"highestContiguousSeq\":" + events), terminals.body());
            assertTrue(terminals.body().contains("\"gaps\":[]"), terminals.body());
        }
    }
}
