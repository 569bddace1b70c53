package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.with;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many terminals of one agency send at once, so their batches add to the same roll-up rows concurrently: every
 * batch is answered with its own counts, every rating is counted once, the roll-ups the report reads agree with the
 * ratings, and two terminals rating the same dossiers at once leave one counted rating per dossier.
 */
@MicronautTest(environments = "synctest", transactional = false)
class ConcurrentIngestTest {
    private static final int TERMINALS = 24;
    private static final int BATCHES = 3;
    private static final int PER_BATCH = 100;
    private static final int SHARED_DOSSIERS = 40;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void batchesSentAtOnceAreEachAnsweredAndCountedOnce() throws Exception {
        Api api = new Api(server.getURI(), json);
        Batches batches = new Batches(json);
        String agency = "CI-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> terminals = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (int t = 0; t < TERMINALS; t++) {
            terminals.add(agency + "-T" + t);
            secrets.add(api.provision(terminals.get(t), agency, Integer.toString(t % 4)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(TERMINALS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Api.Response>>> sent = new ArrayList<>();
        for (int t = 0; t < TERMINALS; t++) {
            int terminal = t;
            sent.add(pool.submit(() -> {
                start.await();
                List<Api.Response> answers = new ArrayList<>();
                for (int b = 0; b < BATCHES; b++) {
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (int i = 1; i <= PER_BATCH; i++) {
                        long seq = (long) b * PER_BATCH + i;
                        // satisfied (value 4) unless seq is a multiple of 10 (value 1); terminals 0 and 1 rate the
                        // same dossiers in their first batch, terminal 0 a minute earlier
                        Map<String, Object> e = rating(UUID.randomUUID().toString(), seq,
                                terminal == 1 ? "2026-09-15T09:01:00+07:00" : "2026-09-15T09:00:00+07:00", 4,
                                seq % 10 == 0 ? 1 : 4);
                        if (terminal < 2 && b == 0 && i <= SHARED_DOSSIERS) {
                            e = with(e, "dossierCode", agency + "-D" + i);
                        }
                        events.add(e);
                    }
                    answers.add(api.signed(terminals.get(terminal), secrets.get(terminal), "/api/v1/sync/batches",
                            batches.body(terminals.get(terminal), events)));
                }
                return answers;
            }));
        }
        start.countDown();
        for (int t = 0; t < TERMINALS; t++) {
            List<Api.Response> answers = sent.get(t).get(2, TimeUnit.MINUTES);
            for (int b = 0; b < BATCHES; b++) {
                Api.Response r = answers.get(b);
                assertEquals(200, r.status(), r.body());
                assertEquals(PER_BATCH, r.number("accepted"), r.body());
                assertEquals((long) (b + 1) * PER_BATCH, r.number("highestContiguousSeq"), "terminal " + t + ": " + r.body());
            }
        }
        pool.shutdown();

        Api.Response report = api.admin("GET", "/api/v1/reports/satisfaction?from=2026-09-15&to=2026-09-15&agency="
                + agency, null);
        assertEquals(200, report.status(), report.body());
        Map<String, Object> total = report.map("total");
        long all = (long) TERMINALS * BATCHES * PER_BATCH;
        assertEquals(all - SHARED_DOSSIERS, ((Number) total.get("counted")).longValue(),
                "each shared dossier counts once: " + total);
        assertEquals(SHARED_DOSSIERS, ((Number) total.get("reRatings")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> byClass = (Map<String, Object>) total.get("byClass");
        // a tenth of each terminal's ratings are dissatisfied; of the shared dossiers terminal 0's ratings count
        assertEquals(all / 10 - SHARED_DOSSIERS / 10, ((Number) byClass.get("dissatisfied")).longValue(), total.toString());

        // the same figures grouped by terminal come from other roll-up rows: they must agree
        Api.Response byTerminal = api.admin("GET", "/api/v1/reports/satisfaction?from=2026-09-01&to=2026-09-30&groupBy=terminal"
                + "&agency=" + agency, null);
        long counted = byTerminal.list("rows").stream().mapToLong(r -> ((Number) r.get("counted")).longValue()).sum();
        assertEquals(all - SHARED_DOSSIERS, counted);
        Map<String, Object> second = byTerminal.list("rows").stream().filter(r -> (agency + "-T1").equals(r.get("key")))
                .findFirst().orElseThrow();
        assertEquals((long) BATCHES * PER_BATCH - SHARED_DOSSIERS, ((Number) second.get("counted")).longValue(),
                "terminal 1 rated the shared dossiers later: those are re-ratings");
    }
}
