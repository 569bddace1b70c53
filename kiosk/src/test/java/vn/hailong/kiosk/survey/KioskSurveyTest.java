package vn.hailong.kiosk.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.kiosk.RunningKiosk;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxStore;

/** The survey on the kiosk screen, from the cached question bank, into the outbox. */
class KioskSurveyTest {
    @TempDir
    Path dir;

    @Test
    void f4RunsTheSurveyAndItsAnswersAreStored() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            context.getBean(SurveyBankCache.class).store("{\"assessments\":[{\"code\":\"NO_BROKER\",\"element\":\"ACCESS\","
                    + "\"vi\":\"Không có người môi giới (cò mồi) tiếp cận tôi\",\"en\":\"No broker approached me\"}],"
                    + "\"expectations\":[{\"code\":\"WAITING_TIME\",\"vi\":\"Giảm thời gian chờ\",\"en\":\"Shorter waiting\"}]}",
                    Instant.now());
            RunningKiosk kiosk = new RunningKiosk(context);
            DefaultVirtualTerminal terminal = kiosk.terminal;
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("GÓP Ý CHI TIẾT (F4)"), () -> kiosk.screen());
            terminal.addInput(new KeyStroke(KeyType.F4));
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Tiếp cận dịch vụ?"),
                    () -> "the first question:\n" + kiosk.screen());
            assertTrue(kiosk.screen().contains("câu 1/7"), kiosk.screen());
            kiosk.type("4");                                    // ACCESS 4
            terminal.addInput(new KeyStroke(KeyType.Enter));         // PROCEDURE skipped
            kiosk.type("215");                                   // OFFICER 2, RESULT 1, FEEDBACK 5
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("cò mồi"), () -> kiosk.screen());
            kiosk.type("1");                                     // NO_BROKER: true
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("Giảm thời gian chờ"), () -> kiosk.screen());
            kiosk.type("1");                                     // WAITING_TIME
            Await.until(Duration.ofSeconds(10), () -> kiosk.screen().contains("✓ Giảm thời gian chờ"), () -> kiosk.screen());
            terminal.addInput(new KeyStroke(KeyType.Enter));         // done
            OutboxStore outbox = context.getBean(OutboxStore.class);
            Await.until(Duration.ofSeconds(10), () -> outbox.pendingCount() == 1, () -> "the survey is stored");
            String body = outbox.pending(1).get(0).body();
            assertTrue(body.contains("\"type\":\"survey\""), body);
            assertTrue(body.contains("\"answers\":{\"ACCESS\":4,\"FEEDBACK\":5,\"OFFICER\":2,\"RESULT\":1}"), body);
            assertTrue(body.contains("\"assessments\":{\"NO_BROKER\":true}"), body);
            assertTrue(body.contains("\"expectations\":[\"WAITING_TIME\"]"), body);
            assertTrue(kiosk.quit());
            assertEquals(1, outbox.lastSeq());
        }
    }
}
