package vn.hailong.kiosk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.MutableClock;
import vn.hailong.kiosk.KioskContexts;

/** One dossier session at a time, expiring, cancellable, kept across a restart. */
class RatingSessionsTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();

    @SuppressWarnings("unchecked")
    private RatingSessions sessions(ApplicationContext context) {
        return new RatingSessions(context.getBean(JdbcOperations.class), context.getBean(TransactionOperations.class),
                clock, 60);
    }

    @Test
    void oneSessionAtATimeUntilItExpiresOrIsCancelled() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingSessions sessions = sessions(context);
            RatingSession s = sessions.open("000.00.15.H12-241120-0007", "cb07", "2.000815");
            assertEquals(clock.instant().plusSeconds(60), s.expiresAt());
            assertEquals(s, sessions.current().orElseThrow());
            SessionConflict conflict = assertThrows(SessionConflict.class, () -> sessions.open("D-2", null, null));
            assertEquals(s.sessionId(), conflict.open().sessionId());
            clock.advance(Duration.ofSeconds(60));
            assertTrue(sessions.current().isEmpty(), "expired after 60 s");
            RatingSession next = sessions.open("D-2", null, null);
            assertTrue(sessions.cancel());
            assertTrue(sessions.current().isEmpty());
            assertFalse(sessions.cancel());
            assertTrue(next.officerId() == null);
        }
    }

    @Test
    void anOpenSessionSurvivesARestartOfTheKiosk() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            sessions(context).open("D-1", "cb01", null);
        }
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            assertEquals("D-1", sessions(context).current().orElseThrow().dossierCode());
        }
    }

    @Test
    void fieldsMustBeCodes() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingSessions sessions = sessions(context);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sessions.open("có dấu", null, null));
            assertTrue(e.getMessage().startsWith("dossierCode:"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sessions.open("", null, null));
            assertThrows(IllegalArgumentException.class, () -> sessions.open("D-1", "two words", null));
            assertThrows(IllegalArgumentException.class, () -> sessions.open("D-1", null, "x".repeat(65)));
            assertTrue(sessions.current().isEmpty());
        }
    }
}
