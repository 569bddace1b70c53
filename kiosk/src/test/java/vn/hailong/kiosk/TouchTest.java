package vn.hailong.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.kiosk.outbox.OutboxStore;

/** A touch screen taps where the buttons are drawn: a rating, then reasons and SEND for a dissatisfied one. */
class TouchTest {
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

    private static void tap(DefaultVirtualTerminal t, int column, int row) {
        t.addInput(new MouseAction(MouseActionType.CLICK_DOWN, 1, new TerminalPosition(column, row)));
        t.addInput(new MouseAction(MouseActionType.CLICK_RELEASE, 1, new TerminalPosition(column, row)));
    }

    @Test
    void tapsRateAndAnswerTheReasonsPrompt() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.min-interval-seconds", 0)) {
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            Thread app = new Thread(() -> {
                try {
                    context.getBean(KioskApp.class).run(terminal);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "kiosk-app");
            app.start();
            OutboxStore outbox = context.getBean(OutboxStore.class);
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Rất hài lòng"), () -> "idle screen");
            tap(terminal, 65, 12);                              // the 4th of four boxes: Rất hài lòng
            Await.until(Duration.ofSeconds(10), () -> outbox.lastSeq() == 1, () -> "the tap is stored");
            tap(terminal, 70, 5);                               // above the boxes: nothing
            Await.until(Duration.ofSeconds(10), () -> !screen(terminal).contains("CẢM ƠN"), () -> "back to idle");
            tap(terminal, 8, 12);                               // the 1st box: Không hài lòng
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("chưa hài lòng về điều gì"),
                    () -> "the reasons prompt:\n" + screen(terminal));
            tap(terminal, 20, 12);                              // the 3rd reason: the officer
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("✓ Công chức giải quyết"),
                    () -> "the reason is ticked:\n" + screen(terminal));
            tap(terminal, 25, 18);                              // GỬI
            Await.until(Duration.ofSeconds(10), () -> outbox.pending(10).size() == 2, () -> "released with its reason");
            List<OutboxStore.PendingEvent> events = outbox.pending(10);
            assertTrue(events.get(0).body().contains("\"value\":4") && events.get(0).body().contains("\"channel\":\"TOUCH\""),
                    events.get(0).body());
            assertTrue(events.get(1).body().contains("\"reasons\":[\"OFFICER\"]"), events.get(1).body());
            assertEquals(2, outbox.lastSeq(), "the tap above the boxes recorded nothing");
            terminal.addInput(new KeyStroke('x', true, false));
            app.join(10_000);
        }
    }
}
