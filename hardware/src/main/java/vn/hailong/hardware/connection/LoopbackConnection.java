package vn.hailong.hardware.connection;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Two in-memory ends joined like a null-modem cable: what one end writes, the other reads. The cable can be
 * pulled ({@link Cable#unplug()}): both ends then read -1 and cannot be opened until it is plugged in again,
 * and bytes in flight are lost, as on a real unplug. The test double of {@link SerialConnection}.
 */
public final class LoopbackConnection implements Connection {

    /** The cable joining two ends. */
    public static final class Cable {
        private final Pipe toPanel = new Pipe();
        private final Pipe toHost = new Pipe();
        private final LoopbackConnection host = new LoopbackConnection(this, toHost, toPanel, "loopback (host end)");
        private final LoopbackConnection panel = new LoopbackConnection(this, toPanel, toHost, "loopback (panel end)");
        private volatile boolean plugged = true;

        public LoopbackConnection hostEnd() {
            return host;
        }

        public LoopbackConnection panelEnd() {
            return panel;
        }

        public void unplug() {
            plugged = false;
            toPanel.clear();
            toHost.clear();
        }

        public void plug() {
            plugged = true;
        }

        boolean plugged() {
            return plugged;
        }
    }

    public static Cable cable() {
        return new Cable();
    }

    private final Cable cable;
    private final Pipe in;
    private final Pipe out;
    private final String name;
    private volatile boolean open;

    private LoopbackConnection(Cable cable, Pipe in, Pipe out, String name) {
        this.cable = cable;
        this.in = in;
        this.out = out;
        this.name = name;
    }

    @Override
    public void open() throws PortProblem {
        if (!cable.plugged()) {
            throw new PortProblem(name + " is unplugged");
        }
        open = true;
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) {
        if (!open || !cable.plugged()) {
            open = false;
            return -1;
        }
        return in.take(buffer, timeoutMillis, cable);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (!open || !cable.plugged()) {
            throw new IOException(name + " is unplugged");
        }
        out.put(bytes);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        open = false;
    }

    /** One direction of the cable. */
    private static final class Pipe {
        private byte[] data = new byte[256];
        private int size;

        synchronized void put(byte[] bytes) {
            if (size + bytes.length > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + bytes.length));
            }
            System.arraycopy(bytes, 0, data, size, bytes.length);
            size += bytes.length;
            notifyAll();
        }

        synchronized int take(byte[] buffer, int timeoutMillis, Cable cable) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (size == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return cable.plugged() ? 0 : -1;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                if (!cable.plugged()) {
                    return -1;
                }
            }
            int n = Math.min(size, buffer.length);
            System.arraycopy(data, 0, buffer, 0, n);
            System.arraycopy(data, n, data, 0, size - n);
            size -= n;
            return n;
        }

        synchronized void clear() {
            size = 0;
            notifyAll();
        }
    }
}
