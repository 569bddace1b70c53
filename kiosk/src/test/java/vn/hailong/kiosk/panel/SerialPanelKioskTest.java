package vn.hailong.kiosk.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.connection.SocatPair;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;
import vn.hailong.hardware.Await;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.rating.RatingRecorder;

/**
 * The kiosk with a serial panel on a real pseudo-terminal: presses become stored ratings, a wired-differently
 * panel is mapped, and a press the panel resends after a kiosk restart is not recorded twice.
 */
class SerialPanelKioskTest {
    private static final Duration T = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private ApplicationContext kiosk(SocatPair socat) {
        return KioskContexts.offline(dir.resolve("kiosk"), "hailong.panel.port", socat.host(),
                "hailong.min-interval-seconds", 0, "hailong.panel.debounce-ms", 0,
                "hailong.panel.button-map", List.of(4, 3, 2, 1));
    }

    private static List<Integer> values(OutboxStore outbox) {
        List<Integer> values = new ArrayList<>();
        for (OutboxStore.PendingEvent e : outbox.pending(100)) {
            values.add(Integer.parseInt(e.body().replaceAll(".*\"value\":(\\d).*", "$1")));
        }
        return values;
    }

    @Test
    void panelPressesAreStoredOnceAlsoAcrossAKioskRestart() throws Exception {
        List<String> hostSaid = Collections.synchronizedList(new ArrayList<>());
        try (SocatPair socat = new SocatPair(dir).start();
             PanelSimulator sim = new PanelSimulator(new SerialConnection(socat.panel(), 9600), SerialPanel.Protocol.NMEA,
                     4, Duration.ofSeconds(1), hostSaid::add, 7)) {
            sim.start();
            try (ApplicationContext context = kiosk(socat)) {
                OutboxStore outbox = context.getBean(OutboxStore.class);
                SerialPanel panel = context.getBean(PanelConnector.class).start(context.getBean(RatingRecorder.class))
                        .orElseThrow().driver();
                try {
                    sim.press(1);                                    // devseq 0: button 1 is wired as value 4
                    Await.until(T, () -> outbox.pendingCount() == 1 && sim.unacknowledged() == 0, () -> "stored, acked");
                    sim.press(4);                                    // devseq 1: value 1
                    Await.until(T, () -> outbox.pendingCount() == 2 && sim.unacknowledged() == 0, () -> "stored, acked");
                    assertTrue(hostSaid.contains("HLLED,1,1500"), "the LED confirms a stored press: " + hostSaid);
                } finally {
                    panel.close();
                }
            }
            // The kiosk restarts; the panel sends devseq 1 again, as it does when an ack was lost.
            try (ApplicationContext context = kiosk(socat)) {
                OutboxStore outbox = context.getBean(OutboxStore.class);
                SerialPanel panel = context.getBean(PanelConnector.class).start(context.getBean(RatingRecorder.class))
                        .orElseThrow().driver();
                try {
                    sim.deviceSeq(1);
                    sim.press(4);
                    Await.until(T, () -> sim.unacknowledged() == 0, () -> "the resend is acknowledged");
                    Await.until(T, () -> panel.diagnostics().duplicates() == 1, () -> "seen as a duplicate: "
                            + panel.diagnostics());
                    sim.press(2);                                    // devseq 2: a new press, value 3
                    Await.until(T, () -> outbox.pendingCount() == 3, () -> "the new press is stored");
                    assertEquals(List.of(4, 1, 3), values(outbox));
                    assertEquals(3, outbox.pendingCount(), "nothing stored twice");
                } finally {
                    panel.close();
                }
            }
        }
    }
}
