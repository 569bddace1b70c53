package vn.hailong.kiosk.outbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs terminal requests as sync-protocol.md says:
 * {@code hex(HMAC-SHA256(secret, METHOD \n PATH \n TIMESTAMP \n hex(SHA-256(body))))}.
 */
final class RequestSigner {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] key;

    RequestSigner(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String method, String path, String timestamp, byte[] body) {
        try {
            String bodyHash = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String canonical = method + "\n" + path + "\n" + timestamp + "\n" + bodyHash;
            return HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
