package vn.hailong.sync.terminal;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminal secrets at rest: the server must know a terminal's secret to check its HMAC, so the secret cannot be
 * hashed; it is stored encrypted (AES-256-GCM, {@code v1:} + base64 of nonce and ciphertext). The key comes from
 * {@code HAILONG_SECRET_KEY} (base64, 32 bytes; every server instance on one database needs the same one), else
 * from a key file made at first start, readable by the server's user only. A value without the prefix is an
 * older clear one: still read, encrypted when the terminal is provisioned again.
 */
@Singleton
public class TerminalSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalSecrets.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public TerminalSecrets(@Property(name = "hailong.secret-key", defaultValue = "") String configured,
                           @Property(name = "hailong.secret-key-file", defaultValue = "./data/terminal-secrets.key") String file) {
        this.key = new SecretKeySpec(configured.isBlank() ? fromFile(Path.of(file)) : decodeKey(configured,
                "HAILONG_SECRET_KEY"), "AES");
    }

    private static byte[] decodeKey(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(where + " must be 32 random bytes in base64 (openssl rand -base64 32)");
        }
        return bytes;
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.WRITE);
                    LOG.warn("made a new key for terminal secrets at {}: back it up with the database, and give every "
                            + "server instance on this database the same key (HAILONG_SECRET_KEY)", file.toAbsolutePath());
                } catch (FileAlreadyExistsException another) {
                    // another instance made it at the same moment: use theirs
                }
            }
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII), "the key file " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the terminal-secret key file " + file.toAbsolutePath()
                    + ": set HAILONG_SECRET_KEY or make the directory writable", e);
        }
    }

    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The clear secret, or null when this key cannot open it (another instance's key: say so in the log). */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.error("a terminal secret cannot be opened with this server's key: every instance on one database needs "
                    + "the same HAILONG_SECRET_KEY");
            return null;
        }
    }
}
