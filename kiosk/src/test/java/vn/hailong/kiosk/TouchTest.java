package vn.hailong.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.kiosk.outbox.OutboxStore;

/** A touch screen taps where the buttons are drawn: a rating, then reasons and SEND for a dissatisfied one. */
class TouchTest {
    @TempDir
    Path dir;

    private static void tap(RunningKiosk kiosk, int column, int row) {
        kiosk.terminal.addInput(new MouseAction(MouseActionType.CLICK_DOWN, 1, new TerminalPosition(column, row)));
        kiosk.terminal.addInput(new MouseAction(MouseActionType.CLICK_RELEASE, 1, new TerminalPosition(column, row)));
    }

    @Test
    void tapsRateAndAnswerTheReasonsPrompt() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.min-interval-seconds", 0);
             RunningKiosk kiosk = new RunningKiosk(context)) {
            OutboxStore outbox = context.getBean(OutboxStore.class);
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Rất hài lòng"), () -> "idle screen");
            tap(kiosk, 65, 12);                              // the 4th of four boxes: Rất hài lòng
            Await.until(Duration.ofSeconds(10), () -> outbox.lastSeq() == 1, () -> "the tap is stored");
            tap(kiosk, 70, 5);                               // above the boxes: nothing
            Await.until(Duration.ofSeconds(10), () -> !kiosk.screen().contains("CẢM ƠN"), () -> "back to idle");
            tap(kiosk, 8, 12);                               // the 1st box: Không hài lòng
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("chưa hài lòng về điều gì"),
                    () -> "the reasons prompt:\n" + kiosk.screen());
            tap(kiosk, 20, 12);                              // the 3rd reason: the officer
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("✓ Công chức giải quyết"),
                    () -> "the reason is ticked:\n" + kiosk.screen());
            tap(kiosk, 25, 18);                              // GỬI
            Await.until(Duration.ofSeconds(10), () -> outbox.pending(10).size() == 2, () -> "released with its reason");
            List<OutboxStore.PendingEvent> events = outbox.pending(10);
            assertTrue(events.get(0).body().contains("\"value\":4") && events.get(0).body().contains("\"channel\":\"TOUCH\""),
                    events.get(0).body());
            assertTrue(events.get(1).body().contains("\"reasons\":[\"OFFICER\"]"), events.get(1).body());
            assertEquals(2, outbox.lastSeq(), "the tap above the boxes recorded nothing");
        }
    }
}
