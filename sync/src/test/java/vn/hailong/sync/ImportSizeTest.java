package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server's body limit (HAILONG_MAX_IMPORT_BYTES) holds for what it buffers too: an import just under it is
 * stored, one over it answers 413 with what to do. Before, the documented limit was 256 MiB while Micronaut buffered
 * at most 10 MiB, so an import of 10-256 MiB got a 413 naming a framework property. The limit is set small here
 * (1 MiB) to keep the test fast; the default (10 MiB) is the same code.
 */
@MicronautTest(environments = "synctest", transactional = false)
@Property(name = "micronaut.server.max-request-size", value = "1048576")
@Property(name = "micronaut.server.max-request-buffer-size", value = "1048576")
class ImportSizeTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    /** A JSON array of dossiers of about {@code bytes} bytes. */
    private static String dossiers(String prefix, int bytes) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; body.length() < bytes - 400; i++) {
            body.append(i == 0 ? "" : ",").append("{\"code\":\"").append(prefix).append(i).append("\",\"agencyCode\":\"SIZE-A\","
                    + "\"procedureCode\":\"2.000815\",\"officerId\":\"cb07\",\"receivedAt\":\"2026-08-20T08:00:00+07:00\","
                    + "\"dueAt\":\"2026-09-03T17:00:00+07:00\",\"returnedAt\":\"2026-09-02T10:00:00+07:00\","
                    + "\"apologies\":[],\"steps\":[]}");
        }
        return body.append("]").toString();
    }

    @Test
    void anImportUnderTheLimitIsStoredAndOneOverItIsRefusedSayingWhatToDo() {
        Api api = new Api(server.getURI(), json);
        String prefix = "SIZE-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String under = dossiers(prefix, 1_000_000);
        Api.Response stored = api.admin("POST", "/api/v1/admin/dossiers", under);
        assertEquals(200, stored.status(), stored.body());
        assertTrue(stored.number("imported") > 3_000, stored.body());

        String over = dossiers(prefix, 1_100_000);
        assertTrue(over.getBytes(StandardCharsets.UTF_8).length > 1_048_576);
        Api.Response refused = api.admin("POST", "/api/v1/admin/dossiers", over);
        assertEquals(413, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.body().contains("1048576 bytes") && refused.body().contains("split")
                && refused.body().contains("import dossiers FILE"), refused.body());
    }
}
