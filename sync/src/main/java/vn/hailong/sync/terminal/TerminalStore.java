package vn.hailong.sync.terminal;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Terminal rows. */
@Singleton
public class TerminalStore {
    private final JdbcOperations jdbc;
    private final TerminalSecrets secrets;

    public TerminalStore(JdbcOperations jdbc, TerminalSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    @Transactional
    public Optional<Terminal> find(String terminalId) {
        return jdbc.prepareStatement(
                "SELECT terminal_id, agency_code, counter_code, secret, revoked, highest_contiguous_seq "
                        + "FROM terminal WHERE terminal_id = ?", ps -> {
                    ps.setString(1, terminalId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        String secret = secrets.open(rs.getString(4));
                        // a secret this server cannot open authenticates nothing: as if revoked
                        return Optional.of(new Terminal(rs.getString(1), rs.getString(2), rs.getString(3),
                                secret == null ? "" : secret, rs.getBoolean(5) || secret == null, rs.getLong(6)));
                    }
                });
    }

    /** Provisions the terminal, or re-provisions it with a new secret (the old secret stops working). */
    @Transactional
    public boolean upsert(String terminalId, String agencyCode, String counter, String secret, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String sealed = secrets.seal(secret);
        int updated = jdbc.prepareStatement(
                "UPDATE terminal SET agency_code = ?, counter_code = ?, secret = ?, revoked = FALSE, provisioned_at = ? "
                        + "WHERE terminal_id = ?", ps -> {
                    ps.setString(1, agencyCode);
                    ps.setString(2, counter);
                    ps.setString(3, sealed);
                    ps.setObject(4, at);
                    ps.setString(5, terminalId);
                    return ps.executeUpdate();
                });
        if (updated > 0) {
            return false;
        }
        jdbc.prepareStatement(
                "INSERT INTO terminal (terminal_id, agency_code, counter_code, secret, revoked, provisioned_at, "
                        + "highest_contiguous_seq) VALUES (?, ?, ?, ?, FALSE, ?, 0)", ps -> {
                    ps.setString(1, terminalId);
                    ps.setString(2, agencyCode);
                    ps.setString(3, counter);
                    ps.setString(4, sealed);
                    ps.setObject(5, at);
                    return ps.executeUpdate();
                });
        return true;
    }

    /** Records a heartbeat: when the terminal was last seen, its backlog, its panel and its version. */
    @Transactional
    public void heartbeat(String terminalId, Instant seenAt, long pending, String panel, String version) {
        jdbc.prepareStatement("UPDATE terminal SET last_seen = ?, pending_events = ?, panel_state = ?, app_version = ? "
                + "WHERE terminal_id = ?", ps -> {
                    ps.setObject(1, seenAt.atOffset(ZoneOffset.UTC));
                    ps.setLong(2, pending);
                    ps.setString(3, panel);
                    ps.setString(4, version);
                    ps.setString(5, terminalId);
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public boolean revoke(String terminalId) {
        return jdbc.prepareStatement("UPDATE terminal SET revoked = TRUE WHERE terminal_id = ?", ps -> {
            ps.setString(1, terminalId);
            return ps.executeUpdate() > 0;
        });
    }
}
