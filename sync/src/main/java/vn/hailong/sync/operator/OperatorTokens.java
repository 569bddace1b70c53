package vn.hailong.sync.operator;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a bearer token to an operator role. Only the hash of the bootstrap token is kept in memory,
 * and comparison is constant-time.
 */
@Singleton
public class OperatorTokens {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorTokens.class);
    private final byte[] adminTokenHash;

    public OperatorTokens(@Property(name = "hailong.admin-token", defaultValue = "") String adminToken) {
        if (adminToken.isBlank()) {
            LOG.warn("HAILONG_ADMIN_TOKEN is not set: every operator endpoint answers 401 until it is");
            this.adminTokenHash = null;
        } else {
            this.adminTokenHash = sha256(adminToken);
        }
    }

    public Optional<OperatorRole> roleOf(String token) {
        if (adminTokenHash != null && token != null && MessageDigest.isEqual(adminTokenHash, sha256(token))) {
            return Optional.of(OperatorRole.ADMIN);
        }
        return Optional.empty();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
