package vn.hailong.kiosk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of the server that loses answers: it passes every request through, lets the
 * server answer (and commit), and drops a chosen share of the answers, closing the connection, as a mobile
 * network does. The terminal never learns its batch was stored and sends it again.
 */
final class LossyProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI upstream;
    private final double lossRate;
    private final Random random = new Random(5);
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private final Thread acceptor;

    LossyProxy(URI upstream, double lossRate) throws IOException {
        this.upstream = upstream;
        this.lossRate = lossRate;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "lossy-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    int dropped() {
        return dropped.get();
    }

    int passed() {
        return passed.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 2000);
                pump(client, server, false, "up");
                pump(server, client, true, "down");
            } catch (IOException e) {
                // listener closed, or the server is down: the client sees a closed connection and retries
            }
        }
    }

    /** Copies bytes one way; a lossy way swallows a share of what it reads (an answer) and closes both sockets. */
    private void pump(Socket from, Socket to, boolean lossy, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    boolean lose;
                    synchronized (random) {
                        lose = lossy && random.nextDouble() < lossRate;
                    }
                    if (lose) {
                        dropped.incrementAndGet();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (direction.equals("down")) {
                        passed.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "lossy-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
