package vn.hailong.kiosk.panel;

import java.util.Optional;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;

/**
 * The serial panel the kiosk reads, and, for {@code HAILONG_PANEL_PORT=sim}, the simulated panel on the
 * other end of its in-memory cable, whose buttons the keyboard presses.
 */
public record ConnectedPanel(SerialPanel driver, Optional<PanelSimulator> simulator) implements AutoCloseable {
    @Override
    public void close() {
        simulator.ifPresent(PanelSimulator::close);
        driver.close();
    }
}
