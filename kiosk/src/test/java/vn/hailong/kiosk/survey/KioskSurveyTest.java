package vn.hailong.kiosk.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.kiosk.Await;
import vn.hailong.kiosk.KioskApp;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxStore;

/** The survey on the kiosk screen, from the cached question bank, into the outbox. */
class KioskSurveyTest {
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

    private static void keys(DefaultVirtualTerminal t, String digits) {
        for (char c : digits.toCharArray()) {
            t.addInput(new KeyStroke(c, false, false));
        }
    }

    @Test
    void f4RunsTheSurveyAndItsAnswersAreStored() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            context.getBean(SurveyBankCache.class).store("{\"assessments\":[{\"code\":\"NO_BROKER\",\"element\":\"ACCESS\","
                    + "\"vi\":\"Không có người môi giới (cò mồi) tiếp cận tôi\",\"en\":\"No broker approached me\"}],"
                    + "\"expectations\":[{\"code\":\"WAITING_TIME\",\"vi\":\"Giảm thời gian chờ\",\"en\":\"Shorter waiting\"}]}",
                    Instant.now());
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            Thread app = new Thread(() -> {
                try {
                    context.getBean(KioskApp.class).run(terminal);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "kiosk-app");
            app.start();
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("GÓP Ý CHI TIẾT (F4)"), () -> screen(terminal));
            terminal.addInput(new KeyStroke(KeyType.F4));
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Tiếp cận dịch vụ?"),
                    () -> "the first question:\n" + screen(terminal));
            assertTrue(screen(terminal).contains("câu 1/7"), screen(terminal));
            keys(terminal, "4");                                    // ACCESS 4
            terminal.addInput(new KeyStroke(KeyType.Enter));         // PROCEDURE skipped
            keys(terminal, "215");                                   // OFFICER 2, RESULT 1, FEEDBACK 5
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("cò mồi"), () -> screen(terminal));
            keys(terminal, "1");                                     // NO_BROKER: true
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("Giảm thời gian chờ"), () -> screen(terminal));
            keys(terminal, "1");                                     // WAITING_TIME
            Await.until(Duration.ofSeconds(10), () -> screen(terminal).contains("✓ Giảm thời gian chờ"), () -> screen(terminal));
            terminal.addInput(new KeyStroke(KeyType.Enter));         // done
            OutboxStore outbox = context.getBean(OutboxStore.class);
            Await.until(Duration.ofSeconds(10), () -> outbox.pendingCount() == 1, () -> "the survey is stored");
            String body = outbox.pending(1).get(0).body();
            assertTrue(body.contains("\"type\":\"survey\""), body);
            assertTrue(body.contains("\"answers\":{\"ACCESS\":4,\"FEEDBACK\":5,\"OFFICER\":2,\"RESULT\":1}"), body);
            assertTrue(body.contains("\"assessments\":{\"NO_BROKER\":true}"), body);
            assertTrue(body.contains("\"expectations\":[\"WAITING_TIME\"]"), body);
            terminal.addInput(new KeyStroke('x', true, false));
            app.join(10_000);
            assertEquals(1, outbox.lastSeq());
        }
    }
}
