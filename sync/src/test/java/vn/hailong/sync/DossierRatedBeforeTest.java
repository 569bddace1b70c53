package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.hailong.sync.Batches.rating;
import static vn.hailong.sync.Batches.with;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch with a rating of a dossier rated in an earlier batch, whether the server remembers the dossier as rated
 * lately (it looks it up first) or not (the ratings' insert fails on the dossier's counted rating and is made again
 * under its savepoint with every dossier looked up): either way one counted rating per dossier, the earliest, and
 * the batch applied in one try. This class is the first case; {@link DossierRatedLongAgoTest} the second.
 */
@MicronautTest(environments = "synctest", transactional = false)
class DossierRatedBeforeTest {
    private static final String PATH = "/api/v1/sync/batches";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MeterRegistry meters;

    @Test
    void anEarlierRatingDisplacesTheCountedOneAndALaterOneIsAReRating() {
        Api api = new Api(server.getURI(), json);
        Batches batches = new Batches(json);
        String dossier = "000.00.15.H12-" + UUID.randomUUID();
        String agency = "RB-" + UUID.randomUUID().toString().substring(0, 6);
        String terminal = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = api.provision(terminal, agency, "1");
        Api.Response first = api.signed(terminal, secret, PATH, batches.body(terminal, List.of(
                with(rating(UUID.randomUUID().toString(), 1, "2026-11-20T10:00:00+07:00", 4, 4), "dossierCode", dossier))));
        assertEquals(1, first.number("accepted"), first.body());
        double retried = retries();
        Api.Response later = api.signed(terminal, secret, PATH, batches.body(terminal, List.of(
                rating(UUID.randomUUID().toString(), 2, "2026-11-20T10:01:00+07:00", 4, 3),
                with(rating(UUID.randomUUID().toString(), 3, "2026-11-20T09:00:00+07:00", 4, 1), "dossierCode", dossier),
                with(rating(UUID.randomUUID().toString(), 4, "2026-11-20T11:00:00+07:00", 4, 2), "dossierCode", dossier))));
        assertEquals(3, later.number("accepted"), later.body());
        assertEquals(retried, retries(), "the batch was applied in one try");
        Map<String, Object> total = api.report("from=2026-11-20&to=2026-11-20&agency=" + agency).map("total");
        assertEquals(2, ((Number) total.get("counted")).intValue(), "the dossier once, the unbound rating once");
        assertEquals(2, ((Number) total.get("reRatings")).intValue(), "the displaced first rating and the later one");
        assertEquals(Map.of("satisfied", 1, "neutral", 0, "dissatisfied", 1), total.get("byClass"),
                "the earliest rating (dissatisfied) counts for the dossier");
    }

    private double retries() {
        return meters.find("hailong.ingest.retries").counters().stream().mapToDouble(Counter::count).sum();
    }
}
