package vn.hailong.hardware.panel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.hardware.Worker;
import vn.hailong.hardware.connection.Connection;
import vn.hailong.hardware.connection.PortProblem;
import vn.hailong.hardware.nmea.DropReason;
import vn.hailong.hardware.nmea.FrameListener;
import vn.hailong.hardware.nmea.Nmea;
import vn.hailong.hardware.nmea.NmeaFrameReader;
import vn.hailong.hardware.nmea.PanelSentence;

/**
 * The host side of serial-protocol.md over a {@link Connection}: frames parsed and checked, presses delivered
 * once (a resent {@code devseq} seen in the last 30 s is acknowledged again, not delivered), debounced,
 * acknowledged only after the kiosk answered, the LED lit for a stored press; heartbeats watched; the port
 * reopened with backoff when it vanishes or the panel falls silent. One reader thread does all of it.
 */
public final class SerialPanel implements Panel {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPanel.class);

    /** The two protocols of the spec. */
    public enum Protocol { NMEA, DIGITS }

    /** Timings of the host rules, with the spec's defaults in {@link #defaults(Protocol)}. */
    public record Settings(Protocol protocol, Duration debounce, Duration duplicateWindow, Duration heartbeatTimeout,
                           Duration ledOn, Duration maxBackoff) {
        public static Settings defaults(Protocol protocol) {
            return new Settings(protocol, Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(15),
                    Duration.ofMillis(1500), Duration.ofSeconds(5));
        }

        public Settings withHeartbeatTimeout(Duration timeout) {
            return new Settings(protocol, debounce, duplicateWindow, timeout, ledOn, maxBackoff);
        }

        public Settings withDebounce(Duration d) {
            return new Settings(protocol, d, duplicateWindow, heartbeatTimeout, ledOn, maxBackoff);
        }
    }

    private final Connection connection;
    private final Settings settings;
    private final Clock clock;
    private final NmeaFrameReader frames;
    private final Worker worker;
    /** devseq → when it was last acknowledged (delivered, debounced or refused). */
    private final Map<Integer, Instant> acknowledged = new HashMap<>();
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);

    private volatile Consumer<PanelStatus> stateListener = s -> { };
    private volatile DropListener dropListener = (reason, count, body) -> { };
    private volatile PanelStatus status;
    private PressHandler handler;
    private Instant lastValidFrame;
    private Instant lastDelivered;
    private long lastUptime = -1;
    private long framesRead;
    private long delivered;
    private long duplicates;
    private long debounced;
    private long reopened;
    private String identity;

    public SerialPanel(Connection connection, Settings settings, Clock clock) {
        this.connection = Objects.requireNonNull(connection);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.status = new PanelStatus(PanelState.OFFLINE, "not opened yet: " + connection.describe());
        this.worker = new Worker("panel-" + connection.describe());
        this.frames = new NmeaFrameReader(new FrameListener() {
            @Override
            public void frame(String body) {
                onFrame(body);
            }

            @Override
            public void dropped(DropReason reason, int count) {
                drop(reason, count, null);
            }
        });
    }

    /** Told on the reader thread whenever the panel's state or its reason changes. */
    public void onStateChange(Consumer<PanelStatus> listener) {
        this.stateListener = Objects.requireNonNull(listener);
    }

    /** What was dropped and why: {@code body} is the frame's body when there was one, else null. */
    @FunctionalInterface
    public interface DropListener {
        void dropped(DropReason reason, int count, String body);
    }

    /** Told on the reader thread about everything dropped (the monitor tool prints it). */
    public void onDrop(DropListener listener) {
        this.dropListener = Objects.requireNonNull(listener);
    }

    /**
     * Remembers a {@code devseq} the kiosk stored before a restart, so a resend of it is acknowledged but not
     * delivered again.
     */
    public synchronized void rememberAcknowledged(int deviceSeq, Instant at) {
        acknowledged.put(deviceSeq, at);
    }

    @Override
    public synchronized void start(PressHandler handler) {
        this.handler = Objects.requireNonNull(handler);
        if (!worker.start(this::run)) {
            throw new IllegalStateException("the panel on " + connection.describe() + " is already started");
        }
    }

    @Override
    public PanelStatus status() {
        return status;
    }

    public synchronized PanelDiagnostics diagnostics() {
        return new PanelDiagnostics(framesRead, Map.copyOf(dropped), delivered, duplicates, debounced, reopened, identity);
    }

    private void run() {
        byte[] buffer = new byte[256];
        Duration backoff = Duration.ofMillis(250);
        boolean everOpened = false;
        while (worker.running()) {
            if (!connection.isOpen()) {
                try {
                    connection.open();
                } catch (PortProblem problem) {
                    setStatus(PanelState.OFFLINE, problem.getMessage());
                    if (worker.pause(backoff)) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                            ? settings.maxBackoff() : backoff.multipliedBy(2);
                    continue;
                }
                backoff = Duration.ofMillis(250);
                synchronized (this) {
                    if (everOpened) {
                        reopened++;
                    }
                    lastValidFrame = clock.instant();
                }
                everOpened = true;
                LOG.info("panel port {} open ({})", connection.describe(), settings.protocol());
                if (settings.protocol() == Protocol.DIGITS) {
                    setStatus(PanelState.OK, "port open");
                } else {
                    send(Nmea.frame("HLID?"));
                }
            }
            int n = connection.read(buffer, 200);
            if (n < 0) {
                connection.close();
                setStatus(PanelState.OFFLINE, "port " + connection.describe() + " vanished (unplugged?); reopening");
                continue;
            }
            if (n > 0) {
                if (settings.protocol() == Protocol.NMEA) {
                    frames.feed(buffer, 0, n);
                } else {
                    digits(buffer, n);
                }
            }
            if (settings.protocol() == Protocol.NMEA && silentTooLong()) {
                connection.close();
                setStatus(PanelState.OFFLINE, "no heartbeat for " + settings.heartbeatTimeout().toSeconds()
                        + " s; reopening " + connection.describe());
            }
        }
    }

    private synchronized boolean silentTooLong() {
        return Duration.between(lastValidFrame, clock.instant()).compareTo(settings.heartbeatTimeout()) > 0;
    }

    private void onFrame(String body) {
        PanelSentence sentence = PanelSentence.parse(body);
        if (sentence == null) {
            drop(DropReason.UNKNOWN_SENTENCE, 1, body);
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            framesRead++;
            lastValidFrame = now;
        }
        if (status.state() != PanelState.OK) {
            setStatus(PanelState.OK, "panel answering on " + connection.describe());
        }
        if (sentence instanceof PanelSentence.ButtonPress press) {
            onPress(press, now);
        } else if (sentence instanceof PanelSentence.Heartbeat hb) {
            onHeartbeat(hb);
        } else if (sentence instanceof PanelSentence.Identity id) {
            synchronized (this) {
                identity = id.model() + " " + id.firmware() + " #" + id.serial();
            }
            LOG.info("panel on {} is {}", connection.describe(), id);
        }
    }

    private void onPress(PanelSentence.ButtonPress press, Instant now) {
        int seq = press.deviceSeq();
        synchronized (this) {
            acknowledged.values().removeIf(at -> Duration.between(at, now).compareTo(settings.duplicateWindow()) > 0);
            if (acknowledged.containsKey(seq)) {
                duplicates++;
                send(Nmea.frame("HLACK," + seq));
                return;
            }
            if (lastDelivered != null && Duration.between(lastDelivered, now).compareTo(settings.debounce()) < 0) {
                debounced++;
                acknowledged.put(seq, now);
                send(Nmea.frame("HLACK," + seq));
                return;
            }
        }
        PressOutcome outcome;
        try {
            outcome = handler.onPress(new Press(press.button(), seq, now, Channel.BUTTON));
        } catch (RuntimeException e) {
            // not acknowledged: the panel resends and the kiosk gets another chance
            LOG.error("the kiosk failed on press devseq {} button {}; left unacknowledged", seq, press.button(), e);
            return;
        }
        synchronized (this) {
            delivered++;
            lastDelivered = now;
            acknowledged.put(seq, now);
        }
        send(Nmea.frame("HLACK," + seq));
        if (outcome == PressOutcome.STORED) {
            send(Nmea.frame("HLLED," + press.button() + "," + settings.ledOn().toMillis()));
        }
    }

    private void onHeartbeat(PanelSentence.Heartbeat hb) {
        synchronized (this) {
            if (hb.uptimeSeconds() < lastUptime) {
                LOG.info("panel on {} restarted (uptime {} s after {} s): its devseq memory is cleared",
                        connection.describe(), hb.uptimeSeconds(), lastUptime);
                acknowledged.clear();
            }
            lastUptime = hb.uptimeSeconds();
        }
    }

    private void digits(byte[] buffer, int n) {
        int ignored = 0;
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b < '1' || b > '9') {
                ignored++;
                continue;
            }
            Instant now = clock.instant();
            synchronized (this) {
                framesRead++;
                if (lastDelivered != null && Duration.between(lastDelivered, now).compareTo(settings.debounce()) < 0) {
                    debounced++;
                    continue;
                }
                lastDelivered = now;
                delivered++;
            }
            try {
                handler.onPress(new Press(b - '0', Press.NO_DEVICE_SEQ, now, Channel.BUTTON));
            } catch (RuntimeException e) {
                LOG.error("the kiosk failed on digit press {}", (char) b, e);
            }
        }
        if (ignored > 0) {
            drop(DropReason.NOISE, ignored, null);
        }
    }

    private void drop(DropReason reason, int count, String body) {
        synchronized (this) {
            dropped.merge(reason, (long) count, Long::sum);
        }
        dropListener.dropped(reason, count, body);
        if (body != null) {
            LOG.debug("dropped from {}: {} '{}'", connection.describe(), reason, body);
        } else {
            LOG.debug("dropped from {}: {} x{}", connection.describe(), reason, count);
        }
    }

    private void send(byte[] frame) {
        try {
            connection.write(frame);
        } catch (IOException e) {
            LOG.warn("could not write to panel {}: {}", connection.describe(), e.getMessage());
        }
    }

    private void setStatus(PanelState state, String reason) {
        PanelStatus next = new PanelStatus(state, reason);
        if (!next.equals(status)) {
            status = next;
            if (state == PanelState.OK) {
                LOG.info("panel {}: {}", state, reason);
            } else {
                LOG.warn("panel {}: {}", state, reason);
            }
            stateListener.accept(next);
        }
    }

    @Override
    public void close() {
        worker.stop();
        connection.close();
    }
}
