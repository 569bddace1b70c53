package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dossier import meets a dossier row another transaction holds (another import of the same records, an
 * operator's session). On H2 it waits up to the lock timeout, then answers 503 with Retry-After and a problem body
 * (it answered 500 before, like every writer but the sync ingest): the dossier keeps what it held, and the same import
 * sent again once the row is free replaces it. PostgreSQL waits for row locks without a limit: the import is stored
 * once the row is free.
 */
@MicronautTest(environments = "synctest", transactional = false)
class LockedDossierTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    @Named("default")
    DatasourceConfiguration datasource;

    private static String dossier(String code, String officer) {
        return "[{\"code\":\"" + code + "\",\"agencyCode\":\"LOCK-D\",\"procedureCode\":\"2.000815\",\"officerId\":\""
                + officer + "\",\"receivedAt\":\"2026-08-20T08:00:00+07:00\",\"dueAt\":\"2026-09-03T17:00:00+07:00\","
                + "\"returnedAt\":\"2026-09-02T10:00:00+07:00\",\"apologies\":[],\"steps\":[]}]";
    }

    @Test
    void anImportWaitingInVainForADossierRowIs503AndIsStoredWhenSentAgain() throws Exception {
        Api api = new Api(server.getURI(), json);
        String code = "LOCK-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response first = api.admin("POST", "/api/v1/admin/dossiers", dossier(code, "cb-old"));
        assertEquals(200, first.status(), first.body());
        ExecutorService importer = Executors.newSingleThreadExecutor();
        try (Connection holder = DriverManager.getConnection(datasource.getUrl(), datasource.getUsername(),
                datasource.getPassword())) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT officer_id FROM dossier WHERE code = ? FOR UPDATE")) {
                lock.setString(1, code);
                lock.executeQuery().close();
            }
            Future<Api.Response> again = importer.submit(() -> api.admin("POST", "/api/v1/admin/dossiers",
                    dossier(code, "cb-new")));
            if (datasource.getUrl().startsWith("jdbc:h2:")) {
                Api.Response busy = again.get(H2Settings.LOCK_TIMEOUT_MS + 15_000, TimeUnit.MILLISECONDS);
                assertEquals(503, busy.status(), busy.body());
                assertEquals("application/problem+json", busy.contentType());
                assertTrue(busy.body().contains("send the same request again later"), busy.body());
                holder.rollback();
                assertEquals("cb-old", officer(code), "the refused import changed nothing");
                Api.Response resent = api.admin("POST", "/api/v1/admin/dossiers", dossier(code, "cb-new"));
                assertEquals(200, resent.status(), resent.body());
                assertEquals(1, resent.number("imported"));
            } else {
                assertFalse(LockedTerminalTest.awaitDone(again, 2_000), "PostgreSQL waits for the row");
                holder.rollback();
                Api.Response stored = again.get(30, TimeUnit.SECONDS);
                assertEquals(200, stored.status(), stored.body());
                assertEquals(1, stored.number("imported"));
            }
            assertEquals("cb-new", officer(code));
        } finally {
            importer.shutdownNow();
        }
    }

    private String officer(String code) throws Exception {
        try (Connection c = DriverManager.getConnection(datasource.getUrl(), datasource.getUsername(), datasource.getPassword());
             PreparedStatement ps = c.prepareStatement("SELECT officer_id FROM dossier WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), code);
                return rs.getString(1);
            }
        }
    }
}
