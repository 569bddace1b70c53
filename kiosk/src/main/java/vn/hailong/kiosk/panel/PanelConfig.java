package vn.hailong.kiosk.panel;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.ArrayList;
import java.util.List;

/**
 * The serial rating panel: {@code hailong.panel.*}, or HAILONG_PANEL_PORT / HAILONG_PANEL_PROTOCOL. No port: no
 * serial panel (keys and touch only). {@code buttonMap} lists, for buttons 1..N, the value each one means,
 * for panels wired in another order; empty means button n is value n.
 */
@ConfigurationProperties("hailong.panel")
public record PanelConfig(@Nullable String port,
                          @Bindable(defaultValue = "nmea") String protocol,
                          @Bindable(defaultValue = "9600") int baud,
                          @Bindable(defaultValue = "300") int debounceMs,
                          @Nullable List<Integer> buttonMap) {

    public boolean configured() {
        return port != null && !port.isBlank();
    }

    public List<Integer> buttons() {
        return buttonMap == null ? List.of() : buttonMap;
    }

    /** Problems with these settings for a scale of {@code scale} values, each naming what to set. */
    public List<String> problems(int scale) {
        List<String> problems = new ArrayList<>();
        if (!"nmea".equals(protocol) && !"digits".equals(protocol)) {
            problems.add("HAILONG_PANEL_PROTOCOL must be nmea or digits, got '" + protocol + "'");
        }
        if (baud < 50 || baud > 4_000_000) {
            problems.add("hailong.panel.baud must be a serial speed such as 9600, got " + baud);
        }
        for (int value : buttons()) {
            if (value < 1 || value > scale) {
                problems.add("hailong.panel.button-map lists value " + value + ", outside the scale 1.." + scale);
            }
        }
        return problems;
    }
}
