package vn.hailong.hardware.connection;

import java.io.IOException;

/**
 * A byte link to a panel: a serial port, or an in-memory loopback (the test double). Opened, read with a
 * timeout, written, closed; a link that vanished (unplugged) reads -1 and is opened again later.
 */
public interface Connection extends AutoCloseable {
    /** Opens the link; throws {@link PortProblem} with a message an installer can act on. */
    void open() throws PortProblem;

    /**
     * Reads what arrives within {@code timeoutMillis}: the count of bytes (0 if none came), or -1 when the link
     * is gone.
     */
    int read(byte[] buffer, int timeoutMillis);

    void write(byte[] bytes) throws IOException;

    boolean isOpen();

    /** What this link is, for messages: the port path, or "loopback". */
    String describe();

    @Override
    void close();
}
