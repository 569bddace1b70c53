package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.hailong.sync.Batches.rating;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A terminal's batch meets its terminal row held by another transaction (another server instance stuck in the
 * middle of a batch, an operator's session). On H2 the batch waits up to the lock timeout, then answers 503 with
 * Retry-After (it answered 500 before): nothing was stored, and the same batch sent again once the row is free
 * is stored. PostgreSQL waits for row locks without a limit: the batch waits and is stored once the row is free.
 */
@MicronautTest(environments = "synctest", transactional = false)
class LockedTerminalTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    @Named("default")
    DatasourceConfiguration datasource;

    @Test
    void aBatchWaitingInVainForItsTerminalRowIs503AndIsStoredWhenSentAgain() throws Exception {
        Api api = new Api(server.getURI(), json);
        String terminal = "LOCK-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = api.provision(terminal, "LOCK-A", "1");
        byte[] batch = new Batches(json).body(terminal, List.of(rating(UUID.randomUUID().toString(), 1,
                "2026-12-02T09:00:00+07:00", 4, 4)));
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Connection holder = DriverManager.getConnection(datasource.getUrl(), datasource.getUsername(),
                datasource.getPassword())) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT highest_contiguous_seq FROM terminal "
                    + "WHERE terminal_id = ? FOR UPDATE")) {
                lock.setString(1, terminal);
                lock.executeQuery().close();
            }
            Future<Api.Response> first = sender.submit(() -> api.signed(terminal, secret, "/api/v1/sync/batches", batch));
            if (datasource.getUrl().startsWith("jdbc:h2:")) {
                Api.Response busy = first.get(H2Settings.LOCK_TIMEOUT_MS + 15_000, TimeUnit.MILLISECONDS);
                assertEquals(503, busy.status(), busy.body());
                assertEquals("application/problem+json", busy.contentType());
                holder.rollback();
                Api.Response again = api.signed(terminal, secret, "/api/v1/sync/batches", batch);
                assertEquals(200, again.status(), again.body());
                assertEquals(1, again.number("accepted"), "nothing of the refused attempt was stored");
            } else {
                assertFalse(awaitDone(first, 2_000), "PostgreSQL waits for the row");
                holder.rollback();
                Api.Response stored = first.get(30, TimeUnit.SECONDS);
                assertEquals(200, stored.status(), stored.body());
                assertEquals(1, stored.number("accepted"));
            }
        } finally {
            sender.shutdownNow();
        }
    }

    /** Whether the future completes within {@code millis} (a bounded wait, not a sleep). */
    static boolean awaitDone(Future<?> future, long millis) throws Exception {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            return false;
        }
    }
}
