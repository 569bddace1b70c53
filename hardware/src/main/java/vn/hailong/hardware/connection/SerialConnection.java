package vn.hailong.hardware.connection;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial port through jSerialComm, opened by path (pseudo-terminals such as socat's are not listed by
 * {@code getCommPorts()} but open by path), 8N1 at the given baud.
 */
public final class SerialConnection implements Connection {
    private static final int EBUSY = 16;
    private static final int EACCES = 13;

    private final String path;
    private final int baud;
    private SerialPort port;

    public SerialConnection(String path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public synchronized void open() throws PortProblem {
        Path p = Path.of(path);
        if (path.startsWith("/") && !Files.exists(p)) {
            throw new PortProblem("serial port " + path + " does not exist: check that the panel is plugged in and that "
                    + "HAILONG_PANEL_PORT names its device (ls /dev/ttyUSB* /dev/ttyACM* /dev/ttyS*)");
        }
        if (path.startsWith("/") && (!Files.isReadable(p) || !Files.isWritable(p))) {
            throw new PortProblem("serial port " + path + " is not readable and writable by user "
                    + System.getProperty("user.name") + ": add the user to the dialout group "
                    + "(sudo usermod -aG dialout " + System.getProperty("user.name") + ") and log in again");
        }
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new PortProblem("serial port " + path + " cannot be used: " + e.getMessage());
        }
        candidate.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!candidate.openPort()) {
            int errno = candidate.getLastErrorCode();
            if (errno == EBUSY) {
                throw new PortProblem("serial port " + path + " is busy: another program (another kiosk, a monitor) "
                        + "has it open; close that first");
            }
            if (errno == EACCES) {
                throw new PortProblem("serial port " + path + ": permission denied; add the user to the dialout group "
                        + "(sudo usermod -aG dialout " + System.getProperty("user.name") + ") and log in again");
            }
            throw new PortProblem("serial port " + path + " could not be opened (system error " + errno + ")");
        }
        // semi-blocking reads: return as soon as bytes arrive, or after the timeout set per read
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        // What the line buffered while nobody listened are presses the panel already gave up on (it resends
        // for 2.5 s): no citizen saw them confirmed, so they must not become ratings now.
        candidate.flushIOBuffers();
        port = candidate;
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) {
        SerialPort p;
        synchronized (this) {
            p = port;
        }
        if (p == null) {
            return -1;
        }
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeoutMillis, 0);
        int n = p.readBytes(buffer, buffer.length);
        if (n < 0 || (n == 0 && !Files.exists(Path.of(path)) && path.startsWith("/"))) {
            return -1;
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        SerialPort p;
        synchronized (this) {
            p = port;
        }
        if (p == null || p.writeBytes(bytes, bytes.length) != bytes.length) {
            throw new IOException("writing to serial port " + path + " failed");
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return port != null;
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public synchronized void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }
}
