package vn.hailong.sync.operator;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a bearer token to an operator role. Only hashes of tokens are kept: the bootstrap token's in memory
 * (compared in constant time), operators' in the database.
 */
@Singleton
public class OperatorTokens {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorTokens.class);
    private final byte[] adminTokenHash;
    private final JdbcOperations jdbc;

    public OperatorTokens(@Property(name = "hailong.admin-token", defaultValue = "") String adminToken,
                          JdbcOperations jdbc) {
        this.jdbc = jdbc;
        if (adminToken.isBlank()) {
            LOG.warn("HAILONG_ADMIN_TOKEN is not set: only operators created earlier can use the operator endpoints");
            this.adminTokenHash = null;
        } else {
            this.adminTokenHash = sha256(adminToken);
        }
    }

    /** The role of a bearer token: the bootstrap admin's, or an operator's looked up by the token's hash. */
    @Transactional(readOnly = true)
    public Optional<OperatorRole> roleOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (adminTokenHash != null && MessageDigest.isEqual(adminTokenHash, sha256(token))) {
            return Optional.of(OperatorRole.ADMIN);
        }
        String hash = hashHex(token);
        return jdbc.prepareStatement("SELECT role FROM operator WHERE token_hash = ?", ps -> {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(OperatorRole.valueOf(rs.getString(1))) : Optional.<OperatorRole>empty();
            }
        });
    }

    /** How a token is stored: lower-case hex SHA-256. */
    static String hashHex(String token) {
        return java.util.HexFormat.of().formatHex(sha256(token));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
