package vn.hailong.hardware.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import vn.hailong.hardware.Worker;
import vn.hailong.hardware.connection.Connection;
import vn.hailong.hardware.connection.PortProblem;
import vn.hailong.hardware.nmea.DropReason;
import vn.hailong.hardware.nmea.FrameListener;
import vn.hailong.hardware.nmea.Nmea;
import vn.hailong.hardware.nmea.NmeaFrameReader;
import vn.hailong.hardware.panel.SerialPanel.Protocol;

/**
 * A rating panel in software, on the panel end of a {@link Connection}: presses with resends every 500 ms
 * (up to 5) until acknowledged, heartbeats every 5 s, identity on request; noise, silence, restarts and
 * lost acknowledgements on command. Behind the {@code sim} tool, the tests, and the demo.
 */
public final class PanelSimulator implements AutoCloseable {
    private static final Duration RESEND = Duration.ofMillis(500);
    private static final int MAX_RESENDS = 5;

    /** A press not yet acknowledged. */
    private static final class Unacked {
        final int seq;
        final byte[] frame;
        int resends;
        long nextAt;

        Unacked(int seq, byte[] frame, long nextAt) {
            this.seq = seq;
            this.frame = frame;
            this.nextAt = nextAt;
        }
    }

    private final Connection connection;
    private final Protocol protocol;
    private final int buttons;
    private final Duration heartbeat;
    private final Consumer<String> hostSaid;
    private final Random random;
    private final NmeaFrameReader reader;
    private final List<Unacked> unacked = new ArrayList<>();
    private final Worker worker;
    private int nextSeq;
    /** A panel that has been on for a while: a restart visibly lowers its uptime. */
    private long bootNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(1000);
    private long nextHeartbeatAt;
    private long quietUntil;
    private boolean dropAcks;
    private boolean plugged = true;
    private long acksReceived;
    private final java.util.Set<Integer> acknowledged = new java.util.LinkedHashSet<>();
    private long resendsSent;

    public PanelSimulator(Connection connection, Protocol protocol, int buttons, Duration heartbeat,
                          Consumer<String> hostSaid, long seed) {
        this.connection = connection;
        this.protocol = protocol;
        this.buttons = buttons;
        this.heartbeat = heartbeat;
        this.hostSaid = hostSaid;
        this.random = new Random(seed);
        this.worker = new Worker("panel-sim-" + connection.describe());
        this.reader = new NmeaFrameReader(new FrameListener() {
            @Override
            public void frame(String body) {
                onHost(body);
            }

            @Override
            public void dropped(DropReason reason, int count) {
                // a real panel ignores what it cannot read
            }
        });
    }

    public void start() {
        worker.start(this::run);
    }

    /** Presses button {@code button}; returns its devseq (or -1 in digits mode). */
    public synchronized int press(int button) {
        if (button < 1 || button > buttons) {
            throw new IllegalArgumentException("this panel has buttons 1.." + buttons + ", not " + button);
        }
        if (protocol == Protocol.DIGITS) {
            write(new byte[] {(byte) ('0' + button)});
            return -1;
        }
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF;
        byte[] frame = Nmea.frame("HLBTN," + seq + "," + button);
        unacked.add(new Unacked(seq, frame, System.nanoTime() + RESEND.toNanos()));
        write(frame);
        return seq;
    }

    /** Sends {@code count} random bytes, {@code $} and line ends included. */
    public synchronized void noise(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        write(bytes);
    }

    /** Falls silent for {@code duration}, as a hung panel: no heartbeats, no answer to an identity query. */
    public synchronized void quiet(Duration duration) {
        quietUntil = System.nanoTime() + duration.toNanos();
    }

    /** Drops every acknowledgement from the host as if lost on the line: presses are resent 5 times. */
    public synchronized void dropAcks(boolean drop) {
        dropAcks = drop;
    }

    /** The panel restarts: uptime from 0, devseq from 0, pending presses forgotten. */
    public synchronized void restart() {
        bootNanos = System.nanoTime();
        nextSeq = 0;
        unacked.clear();
        // a restarted panel announces itself before any press, as its first heartbeat does
        nextHeartbeatAt = 0;
        tick(System.nanoTime());
    }

    public synchronized void deviceSeq(int seq) {
        nextSeq = seq & 0xFFFF;
    }

    /** Pulls the cable: the port is closed until {@link #plug()}. */
    public synchronized void unplug() {
        plugged = false;
        connection.close();
    }

    public synchronized void plug() {
        plugged = true;
    }

    /** Presses sent and not yet acknowledged nor given up. */
    public synchronized int unacknowledged() {
        return unacked.size();
    }

    /** Every devseq the host has acknowledged, late ones included: the presses the panel saw confirmed. */
    public synchronized java.util.Set<Integer> acknowledgedSeqs() {
        return new java.util.LinkedHashSet<>(acknowledged);
    }

    public synchronized long acksReceived() {
        return acksReceived;
    }

    public synchronized long resendsSent() {
        return resendsSent;
    }

    private void run() {
        byte[] buffer = new byte[256];
        while (worker.running()) {
            boolean open;
            synchronized (this) {
                open = connection.isOpen();
                if (!open && plugged) {
                    try {
                        connection.open();
                        open = true;
                        nextHeartbeatAt = 0;
                    } catch (PortProblem e) {
                        open = false;
                    }
                }
            }
            if (!open) {
                if (worker.pause(Duration.ofMillis(100))) {
                    return;
                }
                continue;
            }
            int n = connection.read(buffer, 50);
            synchronized (this) {
                if (n < 0) {
                    connection.close();
                    continue;
                }
                reader.feed(buffer, 0, n);
                tick(System.nanoTime());
            }
        }
    }

    private void tick(long now) {
        if (protocol != Protocol.NMEA) {
            return;
        }
        if (now >= nextHeartbeatAt && now >= quietUntil) {
            long uptime = TimeUnit.NANOSECONDS.toSeconds(now - bootNanos);
            write(Nmea.frame("HLHB," + uptime + "," + buttons));
            nextHeartbeatAt = now + heartbeat.toNanos();
        }
        for (Iterator<Unacked> it = unacked.iterator(); it.hasNext(); ) {
            Unacked u = it.next();
            if (now < u.nextAt) {
                continue;
            }
            if (u.resends == MAX_RESENDS) {
                it.remove();
                continue;
            }
            u.resends++;
            resendsSent++;
            u.nextAt = now + RESEND.toNanos();
            write(u.frame);
        }
    }

    private void onHost(String body) {
        hostSaid.accept(body);
        if (body.startsWith("HLACK,")) {
            if (dropAcks) {
                return;
            }
            acksReceived++;
            try {
                int seq = Integer.parseInt(body.substring(6));
                acknowledged.add(seq);
                unacked.removeIf(u -> u.seq == seq);
            } catch (NumberFormatException e) {
                // not an ack this panel understands
            }
        } else if (body.equals("HLID?") && System.nanoTime() >= quietUntil) {
            write(Nmea.frame("HLID,HL-SIM-" + buttons + ",1.0,SIM0001"));
        }
    }

    private void write(byte[] bytes) {
        if (!connection.isOpen()) {
            return;
        }
        try {
            connection.write(bytes);
        } catch (IOException e) {
            connection.close();
        }
    }

    @Override
    public void close() {
        worker.stop();
        connection.close();
    }

}
