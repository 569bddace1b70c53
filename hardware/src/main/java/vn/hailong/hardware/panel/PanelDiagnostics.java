package vn.hailong.hardware.panel;

import java.util.Map;
import vn.hailong.hardware.nmea.DropReason;

/**
 * What a serial panel's driver has seen since it started: valid frames, what it dropped and why, presses
 * delivered, resends recognised as duplicates, presses debounced, how often the port was reopened, and the
 * panel's identity when it answered.
 */
public record PanelDiagnostics(long framesRead, Map<DropReason, Long> dropped, long delivered, long duplicates,
                               long debounced, long reopened, String identity) {
}
