package vn.hailong.hardware.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import vn.hailong.hardware.Await;

/**
 * A pair of real pseudo-terminals joined by socat, as a null-modem cable: the host opens {@link #host()}, the
 * panel {@link #panel()}. Stopping socat is pulling the cable: both ptys vanish; starting it again plugs a
 * new cable in under the same paths.
 */
public final class SocatPair implements AutoCloseable {
    private final Path host;
    private final Path panel;
    private Process socat;

    public SocatPair(Path dir) {
        this.host = dir.resolve("host");
        this.panel = dir.resolve("panel");
    }

    public String host() {
        return host.toString();
    }

    public String panel() {
        return panel.toString();
    }

    public SocatPair start() throws IOException {
        Files.deleteIfExists(host);
        Files.deleteIfExists(panel);
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + panel)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("socat is needed for the serial tests: install/test.sh installs it "
                    + "(apt-get install socat)", e);
        }
        Await.until(Duration.ofSeconds(10), () -> Files.exists(host) && Files.exists(panel), () -> "socat's ptys appear");
        return this;
    }

    /** Pulls the cable: socat ends and both ptys are gone. */
    public void stop() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            socat = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
