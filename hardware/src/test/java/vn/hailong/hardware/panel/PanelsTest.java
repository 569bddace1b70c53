package vn.hailong.hardware.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PanelsTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void loopbackAcknowledgesOnlyStoredPresses() {
        LoopbackPanel panel = new LoopbackPanel(4, Channel.BUTTON, clock);
        List<Press> seen = new ArrayList<>();
        panel.start(p -> {
            seen.add(p);
            return p.button() == 2 ? PressOutcome.REFUSED : PressOutcome.STORED;
        });
        assertEquals(PressOutcome.STORED, panel.press(1));
        assertEquals(PressOutcome.REFUSED, panel.press(2));
        assertEquals(PressOutcome.STORED, panel.press(4));
        assertEquals(List.of(1, 3), panel.acknowledged());
        assertEquals(List.of(1, 2, 4), seen.stream().map(Press::button).toList());
        assertEquals(Channel.BUTTON, seen.get(0).channel());
        assertThrows(IllegalArgumentException.class, () -> panel.press(5));
        assertEquals(PanelState.OK, panel.status().state());
        panel.close();
        assertEquals(PanelState.OFFLINE, panel.status().state());
        assertThrows(IllegalStateException.class, () -> panel.press(1));
    }

    @Test
    void keyboardMapsDigitKeysToButtonsAndDebounces() {
        KeyboardPanel panel = new KeyboardPanel(4, Duration.ofMillis(300), clock);
        List<Press> seen = new ArrayList<>();
        panel.start(p -> {
            seen.add(p);
            return PressOutcome.STORED;
        });
        assertEquals(Optional.empty(), panel.key('5'), "only keys 1..4 on a 4-button scale");
        assertEquals(Optional.empty(), panel.key('0'));
        assertEquals(Optional.empty(), panel.key('a'));
        assertEquals(Optional.of(PressOutcome.STORED), panel.key('3'));
        clock.advance(Duration.ofMillis(299));
        assertEquals(Optional.empty(), panel.key('4'), "within 300 ms of the previous press");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.of(PressOutcome.STORED), panel.key('4'));
        assertEquals(List.of(3, 4), seen.stream().map(Press::button).toList());
        assertTrue(seen.stream().allMatch(p -> p.channel() == Channel.KEYBOARD));
        assertEquals(1, panel.debounced());
    }
}
