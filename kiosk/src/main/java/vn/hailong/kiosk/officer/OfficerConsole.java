package vn.hailong.kiosk.officer;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.kiosk.session.RatingSession;
import vn.hailong.kiosk.session.RatingSessions;
import vn.hailong.kiosk.session.SessionConflict;

/**
 * The officer's side of the keyboard (F3): a PIN, then a dossier code typed or scanned (a barcode scanner types
 * the code and Enter), which opens the rating session for it. Keys only; the screen shows {@link #view()}.
 */
@Singleton
public class OfficerConsole {
    private static final Logger LOG = LoggerFactory.getLogger(OfficerConsole.class);
    private static final Duration IDLE = Duration.ofSeconds(60);

    /** Where the console is. */
    public enum Stage { CLOSED, PIN, DOSSIER }

    /** Outcome of the last action, for the screen. */
    public enum Note { NONE, NO_PIN_CONFIGURED, WRONG_PIN, OPENED, CONFLICT, INVALID_CODE }

    /** What the screen draws: the stage, what was typed (the PIN as its length only), and the last note. */
    public record View(Stage stage, String typed, Note note, String dossierCode) {
    }

    private final RatingSessions sessions;
    private final Clock clock;
    private final byte[] pinHash;
    private final String officerId;
    private Stage stage = Stage.CLOSED;
    private final StringBuilder typed = new StringBuilder();
    private Note note = Note.NONE;
    private String lastDossier;
    private Instant lastKey = Instant.MIN;

    public OfficerConsole(RatingSessions sessions, Clock clock,
                          @Nullable @Property(name = "hailong.officer-pin") String pin,
                          @Nullable @Property(name = "hailong.officer-id") String officerId) {
        this.sessions = sessions;
        this.clock = clock;
        this.pinHash = pin == null || pin.isBlank() ? null : sha256(pin);
        this.officerId = officerId == null || officerId.isBlank() ? null : officerId;
    }

    public synchronized boolean isOpen() {
        expireIfIdle();
        return stage != Stage.CLOSED;
    }

    /** F3: asks for the PIN (or says none is configured). */
    public synchronized void open() {
        touch();
        typed.setLength(0);
        if (pinHash == null) {
            note = Note.NO_PIN_CONFIGURED;
            stage = Stage.PIN;
            return;
        }
        note = Note.NONE;
        stage = Stage.PIN;
    }

    public synchronized void close() {
        stage = Stage.CLOSED;
        typed.setLength(0);
    }

    public synchronized void type(char c) {
        touch();
        if (stage == Stage.PIN && Character.isDigit(c) && typed.length() < 12) {
            typed.append(c);
        } else if (stage == Stage.DOSSIER && c >= 0x21 && c <= 0x7E && typed.length() < 64) {
            typed.append(c);
        }
    }

    public synchronized void backspace() {
        touch();
        if (typed.length() > 0) {
            typed.setLength(typed.length() - 1);
        }
    }

    /** Enter: checks the PIN, or opens the session for the typed dossier code. */
    public synchronized void enter() {
        touch();
        if (stage == Stage.PIN) {
            if (pinHash != null && MessageDigest.isEqual(pinHash, sha256(typed.toString()))) {
                stage = Stage.DOSSIER;
                note = Note.NONE;
            } else if (pinHash != null) {
                LOG.warn("wrong officer PIN entered");
                note = Note.WRONG_PIN;
            }
            typed.setLength(0);
        } else if (stage == Stage.DOSSIER) {
            String code = typed.toString();
            typed.setLength(0);
            try {
                RatingSession s = sessions.open(code, officerId, null);
                lastDossier = s.dossierCode();
                note = Note.OPENED;
                stage = Stage.CLOSED;
            } catch (SessionConflict e) {
                lastDossier = e.open().dossierCode();
                note = Note.CONFLICT;
            } catch (IllegalArgumentException e) {
                lastDossier = code;
                note = Note.INVALID_CODE;
            }
        }
    }

    public synchronized View view() {
        expireIfIdle();
        String shown = stage == Stage.PIN ? "*".repeat(typed.length()) : typed.toString();
        return new View(stage, shown, note, lastDossier);
    }

    /** Forgets the last note (the screen showed it). */
    public synchronized void clearNote() {
        note = Note.NONE;
    }

    private void touch() {
        lastKey = clock.instant();
    }

    private void expireIfIdle() {
        if (stage != Stage.CLOSED && clock.instant().isAfter(lastKey.plus(IDLE))) {
            close();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
