package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.sync.terminal.TerminalSecrets;

/** Terminal secrets are stored encrypted, still work for signing, and an old clear one keeps working. */
@MicronautTest(environments = "synctest", transactional = false)
class TerminalSecretsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> tx;

    @TempDir
    Path dir;

    private String stored(String terminal) {
        return tx.executeRead(status -> jdbc.prepareStatement("SELECT secret FROM terminal WHERE terminal_id = ?", ps -> {
            ps.setString(1, terminal);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }

    @Test
    void theDatabaseHoldsOnlyTheSealedSecretAndSigningStillWorks() {
        Api api = new Api(server.getURI(), json);
        String terminal = "T-SEC-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = api.provision(terminal, "SEC", "1");
        String atRest = stored(terminal);
        assertTrue(atRest.startsWith("v1:") && !atRest.contains(secret), "sealed at rest: " + atRest);
        Batches batches = new Batches(json);
        byte[] body = batches.body(terminal, List.of(Batches.rating(UUID.randomUUID().toString(), 1,
                "2026-11-20T09:00:00+07:00", 4, 4)));
        assertEquals(200, api.signed(terminal, secret, "/api/v1/sync/batches", body).status());

        // a row from before encryption (clear secret) still authenticates
        tx.executeWrite(status -> jdbc.prepareStatement("UPDATE terminal SET secret = 'old-clear-secret' WHERE terminal_id = ?",
                ps -> {
                    ps.setString(1, terminal);
                    return ps.executeUpdate();
                }));
        assertEquals(200, api.signed(terminal, "old-clear-secret", "/api/v1/sync/batches", batches.body(terminal,
                List.of(Batches.rating(UUID.randomUUID().toString(), 2, "2026-11-20T09:00:00+07:00", 4, 4)))).status());
    }

    @Test
    void aKeyOpensOnlyWhatItSealedAndAKeyFileIsMadePrivate() throws Exception {
        Path file = dir.resolve("keys").resolve("terminal-secrets.key");
        TerminalSecrets made = new TerminalSecrets("", file.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        TerminalSecrets again = new TerminalSecrets("", file.toString());
        String sealed = made.seal("s3cret");
        assertNotEquals(sealed, made.seal("s3cret"), "a fresh nonce each time");
        assertEquals("s3cret", again.open(sealed), "the same key file opens it after a restart");
        TerminalSecrets other = new TerminalSecrets("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "unused");
        assertNull(other.open(sealed), "another key opens nothing");
        assertEquals("clear", other.open("clear"));
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> new TerminalSecrets("short", "unused"));
        assertTrue(bad.getMessage().contains("openssl rand -base64 32"), bad.getMessage());
    }
}
