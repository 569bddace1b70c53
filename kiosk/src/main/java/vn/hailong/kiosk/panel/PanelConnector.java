package vn.hailong.kiosk.panel;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.hardware.connection.Connection;
import vn.hailong.hardware.connection.LoopbackConnection;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.panel.PressHandler;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;
import vn.hailong.kiosk.outbox.OutboxStore;

/**
 * Starts the configured serial panel, telling its driver which presses were stored shortly before this start,
 * so a panel still resending one of them is acknowledged without a second rating.
 */
@Singleton
public class PanelConnector {
    private static final Logger LOG = LoggerFactory.getLogger(PanelConnector.class);

    private final PanelConfig config;
    private final OutboxStore outbox;
    private final Clock clock;
    private volatile ConnectedPanel current;

    public PanelConnector(PanelConfig config, OutboxStore outbox, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The value of {@code hailong.panel.port} that runs a simulated panel in-process (the demo). */
    public static final String SIMULATED = "sim";

    /** The panel started last, if any: what status and health report. */
    public Optional<ConnectedPanel> current() {
        return Optional.ofNullable(current);
    }

    public Optional<ConnectedPanel> start(PressHandler handler) {
        if (!config.configured()) {
            return Optional.empty();
        }
        SerialPanel.Protocol protocol = "digits".equals(config.protocol()) ? SerialPanel.Protocol.DIGITS
                : SerialPanel.Protocol.NMEA;
        SerialPanel.Settings settings = SerialPanel.Settings.defaults(protocol)
                .withDebounce(Duration.ofMillis(config.debounceMs()));
        Connection connection;
        Optional<PanelSimulator> simulator = Optional.empty();
        if (SIMULATED.equals(config.port())) {
            LoopbackConnection.Cable cable = LoopbackConnection.cable();
            connection = cable.hostEnd();
            PanelSimulator sim = new PanelSimulator(cable.panelEnd(), protocol, 9, Duration.ofSeconds(5),
                    body -> LOG.debug("simulated panel got {}", body), clock.millis());
            sim.start();
            simulator = Optional.of(sim);
        } else {
            connection = new SerialConnection(config.port(), config.baud());
        }
        SerialPanel panel = new SerialPanel(connection, settings, clock);
        List<OutboxStore.PanelPress> recent = outbox.panelPressesSince(clock.instant().minus(settings.duplicateWindow()));
        recent.forEach(p -> panel.rememberAcknowledged(p.deviceSeq(), p.readAt()));
        panel.start(handler);
        LOG.info("serial panel on {} ({}, {} baud); {} recent presses remembered", config.port(), config.protocol(),
                config.baud(), recent.size());
        current = new ConnectedPanel(panel, simulator);
        return Optional.of(current);
    }
}
