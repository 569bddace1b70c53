package vn.hailong.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.kiosk.outbox.OutboxStore;

/** The whole kiosk on a virtual terminal: a key press becomes a stored rating and a thank-you. */
class KioskAppTest {
    @TempDir
    Path dir;

    private static String screen(DefaultVirtualTerminal t) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < t.getTerminalSize().getRows(); row++) {
            for (int col = 0; col < t.getTerminalSize().getColumns(); col++) {
                out.append(t.getCharacter(col, row).getCharacterString());
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void aKeyPressIsStoredAndThankedAndCtrlXQuits() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.officer-pin", "2468")) {
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread app = new Thread(() -> {
                try {
                    context.getBean(KioskApp.class).run(terminal);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "kiosk-app");
            app.start();
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Rất hài lòng"), () -> "idle screen");
            terminal.addInput(new KeyStroke('3', false, false));
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Đã ghi nhận: Hài lòng"),
                    () -> "thank-you for value 3:\n" + screen(terminal));
            OutboxStore outbox = context.getBean(OutboxStore.class);
            assertEquals(1, outbox.pendingCount());
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Mất kết nối"),
                    () -> "the status line says the server is unreachable:\n" + screen(terminal));
            // the officer opens a session from the keyboard: F3, PIN, scanned code, Enter
            terminal.addInput(new KeyStroke(KeyType.F3));
            for (char c : "2468".toCharArray()) {
                terminal.addInput(new KeyStroke(c, false, false));
            }
            terminal.addInput(new KeyStroke(KeyType.Enter));
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("quét mã hồ sơ"),
                    () -> "dossier entry after the PIN:\n" + screen(terminal));
            for (char c : "D-0042".toCharArray()) {
                terminal.addInput(new KeyStroke(c, false, false));
            }
            terminal.addInput(new KeyStroke(KeyType.Enter));
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Hồ sơ: D-0042"),
                    () -> "the citizen screen names the dossier:\n" + screen(terminal));
            terminal.addInput(new KeyStroke('x', true, false));
            app.join(10_000);
            assertTrue(!app.isAlive(), "Ctrl+X ends the kiosk");
            assertEquals(null, failure.get());
            assertEquals(1, outbox.pendingCount(), "still pending for the next start");
        }
    }
}
