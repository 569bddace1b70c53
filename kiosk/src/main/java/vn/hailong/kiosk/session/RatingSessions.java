package vn.hailong.kiosk.session;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, reads and closes the kiosk's one dossier session (domain.md §6). Kept in the kiosk's database, so an
 * open session survives a restart until it expires.
 */
@Singleton
public class RatingSessions {
    private static final Logger LOG = LoggerFactory.getLogger(RatingSessions.class);
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7E]{1,64}");

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final Duration timeout;

    public RatingSessions(JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock,
                          @Property(name = "hailong.session-timeout-seconds", defaultValue = "60") int timeoutSeconds) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
    }

    /** What is wrong with the fields of a session to open, one line per field; empty when they are fine. */
    public static List<String> problems(String dossierCode, String officerId, String procedureCode) {
        List<String> problems = new ArrayList<>();
        if (dossierCode == null || !CODE.matcher(dossierCode).matches()) {
            problems.add("dossierCode: " + (dossierCode == null || dossierCode.isEmpty() ? "is required" : "'" + dossierCode
                    + "' is not 1-64 printable ASCII characters without spaces"));
        }
        if (officerId != null && !CODE.matcher(officerId).matches()) {
            problems.add("officerId: must be 1-64 printable ASCII characters without spaces");
        }
        if (procedureCode != null && !CODE.matcher(procedureCode).matches()) {
            problems.add("procedureCode: must be 1-64 printable ASCII characters without spaces");
        }
        return problems;
    }

    /**
     * Opens a session for a dossier.
     *
     * @throws SessionConflict while another session is open
     * @throws IllegalArgumentException when a field is not a valid code
     */
    public RatingSession open(String dossierCode, String officerId, String procedureCode) {
        List<String> problems = problems(dossierCode, officerId, procedureCode);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Instant now = clock.instant();
        RatingSession session = new RatingSession(UUID.randomUUID().toString(), dossierCode, officerId, procedureCode,
                now, now.plus(timeout));
        tx.executeWrite(status -> {
            Optional<RatingSession> open = read().filter(s -> now.isBefore(s.expiresAt()));
            if (open.isPresent()) {
                throw new SessionConflict(open.get());
            }
            jdbc.prepareStatement("DELETE FROM rating_session", ps -> ps.executeUpdate());
            jdbc.prepareStatement("INSERT INTO rating_session (id, session_id, dossier_code, officer_id, procedure_code, "
                    + "opened_at, expires_at) VALUES (1, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, session.sessionId());
                ps.setString(2, dossierCode);
                ps.setString(3, officerId);
                ps.setString(4, procedureCode);
                ps.setObject(5, session.openedAt().atOffset(ZoneOffset.UTC));
                ps.setObject(6, session.expiresAt().atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            });
            return null;
        });
        LOG.info("session {} opened for dossier {} (officer {}, procedure {}), until {}", session.sessionId(),
                dossierCode, officerId, procedureCode, session.expiresAt());
        return session;
    }

    /** The open session, unless it has expired. */
    public Optional<RatingSession> current() {
        Instant now = clock.instant();
        return tx.executeRead(status -> read()).filter(s -> now.isBefore(s.expiresAt()));
    }

    /** Cancels the open session, if any; true when there was one. */
    public boolean cancel() {
        Optional<RatingSession> open = current();
        tx.executeWrite(status -> jdbc.prepareStatement("DELETE FROM rating_session", ps -> ps.executeUpdate()));
        open.ifPresent(s -> LOG.info("session {} for dossier {} cancelled", s.sessionId(), s.dossierCode()));
        return open.isPresent();
    }

    /**
     * Closes the session a press answered. Call inside the transaction that stores the rating, so the rating
     * and the closing are one.
     */
    public void closeInTransaction(String sessionId) {
        jdbc.prepareStatement("DELETE FROM rating_session WHERE session_id = ?", ps -> {
            ps.setString(1, sessionId);
            return ps.executeUpdate();
        });
    }

    private Optional<RatingSession> read() {
        return jdbc.prepareStatement("SELECT session_id, dossier_code, officer_id, procedure_code, opened_at, expires_at "
                + "FROM rating_session WHERE id = 1", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new RatingSession(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(),
                                rs.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                });
    }
}
