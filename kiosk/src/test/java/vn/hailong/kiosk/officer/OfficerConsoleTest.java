package vn.hailong.kiosk.officer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.MutableClock;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.session.RatingSession;
import vn.hailong.kiosk.session.RatingSessions;

/** PIN first, then a typed or scanned dossier code opens the session. */
class OfficerConsoleTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();

    @SuppressWarnings("unchecked")
    private RatingSessions sessions(ApplicationContext context) {
        return new RatingSessions(context.getBean(JdbcOperations.class), context.getBean(TransactionOperations.class),
                clock, 60);
    }

    private static void type(OfficerConsole console, String s) {
        s.chars().forEach(c -> console.type((char) c));
    }

    @Test
    void thePinOpensTheDossierEntryAndAScannedCodeOpensTheSession() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingSessions sessions = sessions(context);
            OfficerConsole console = new OfficerConsole(sessions, clock, "2468", "cb07");
            assertFalse(console.isOpen());
            console.open();
            type(console, "1234");
            assertEquals("****", console.view().typed(), "the PIN is never shown");
            console.enter();
            assertEquals(OfficerConsole.Note.WRONG_PIN, console.view().note());
            assertEquals(OfficerConsole.Stage.PIN, console.view().stage());
            type(console, "2468");
            console.enter();
            assertEquals(OfficerConsole.Stage.DOSSIER, console.view().stage());
            type(console, "000.00.15.H12-241120-0007");
            console.enter();
            assertFalse(console.isOpen());
            assertEquals(OfficerConsole.Note.OPENED, console.view().note());
            RatingSession s = sessions.current().orElseThrow();
            assertEquals("000.00.15.H12-241120-0007", s.dossierCode());
            assertEquals("cb07", s.officerId());

            console.open();
            type(console, "2468");
            console.enter();
            type(console, "D-2");
            console.enter();
            assertEquals(OfficerConsole.Note.CONFLICT, console.view().note());
            assertEquals("000.00.15.H12-241120-0007", console.view().dossierCode());
            console.close();
        }
    }

    @Test
    void withoutAConfiguredPinNothingOpensAndIdleConsolesClose() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingSessions sessions = sessions(context);
            OfficerConsole noPin = new OfficerConsole(sessions, clock, null, null);
            noPin.open();
            type(noPin, "0000");
            noPin.enter();
            assertEquals(OfficerConsole.Note.NO_PIN_CONFIGURED, noPin.view().note());
            assertEquals(OfficerConsole.Stage.PIN, noPin.view().stage());

            OfficerConsole console = new OfficerConsole(sessions, clock, "1", null);
            console.open();
            type(console, "1");
            console.enter();
            type(console, "has space");
            assertEquals("hasspace", console.view().typed(), "a code has no spaces");
            clock.advance(Duration.ofSeconds(61));
            assertFalse(console.isOpen(), "closed after a minute without keys");
            assertTrue(sessions.current().isEmpty());
        }
    }
}
