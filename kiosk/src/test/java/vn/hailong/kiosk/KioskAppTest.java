package vn.hailong.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.kiosk.outbox.OutboxStore;

/** The whole kiosk on a virtual terminal: a key press becomes a stored rating and a thank-you. */
class KioskAppTest {
    @TempDir
    Path dir;

    @Test
    void aKeyPressIsStoredAndThankedAndCtrlXQuits() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.officer-pin", "2468");
             RunningKiosk kiosk = new RunningKiosk(context)) {
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Rất hài lòng"), () -> "idle screen");
            kiosk.type("3");
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Đã ghi nhận: Hài lòng"),
                    () -> "thank-you for value 3:\n" + kiosk.screen());
            OutboxStore outbox = context.getBean(OutboxStore.class);
            assertEquals(1, outbox.pendingCount());
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Mất kết nối"),
                    () -> "the status line says the server is unreachable:\n" + kiosk.screen());
            // the officer opens a session from the keyboard: F3, PIN, scanned code, Enter
            kiosk.terminal.addInput(new KeyStroke(KeyType.F3));
            kiosk.type("2468");
            kiosk.terminal.addInput(new KeyStroke(KeyType.Enter));
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("quét mã hồ sơ"),
                    () -> "dossier entry after the PIN:\n" + kiosk.screen());
            kiosk.type("D-0042");
            kiosk.terminal.addInput(new KeyStroke(KeyType.Enter));
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Hồ sơ: D-0042"),
                    () -> "the citizen screen names the dossier:\n" + kiosk.screen());
            assertTrue(kiosk.quit(), "Ctrl+X ends the kiosk");
            assertEquals(1, outbox.pendingCount(), "still pending for the next start");
        }
    }
}
