package vn.hailong.kiosk.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.connection.SocatPair;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;
import vn.hailong.kiosk.Tmux;
import vn.hailong.sync.BenchmarkReport;
import vn.hailong.sync.SyncServerProcess;

/**
 * Kiosk footprint: the packaged kiosk, full-screen under tmux with its serial panel on a socat pty and a server
 * on loopback, started as deployments start it ({@code install/kiosk.sh}: the JVM options of
 * {@code install/kiosk.jvm-options} and a class-data archive made by a first start). Start to ready
 * is timed from launch until the citizen screen is drawn and the local API answers with the panel connected;
 * then an hour of presses (one every 3 s) is compressed into 5 minutes (one every 250 ms) while the resident
 * set size is sampled every second from /proc.
 */
class KioskFootprintBenchmark {
    private static final Path KIOSK_JAR = Path.of("target", "hailong-kiosk.jar").toAbsolutePath();
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("hailong.bench.footprint-seconds", 300));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void footprint() throws Exception {
        String options = Files.readString(Path.of("..", "install", "kiosk.jvm-options")).strip();
        Path launcher = Path.of("..", "install", "kiosk.sh").toAbsolutePath();
        String session = "hl-footprint-" + ProcessHandle.current().pid();
        int localPort;
        try (ServerSocket s = new ServerSocket(0)) {
            localPort = s.getLocalPort();
        }
        try (SyncServerProcess server = new SyncServerProcess(dir); SocatPair socat = new SocatPair(dir).start();
             PanelSimulator sim = new PanelSimulator(new SerialConnection(socat.panel(), 9600), SerialPanel.Protocol.NMEA,
                     4, Duration.ofSeconds(1), line -> { }, 11)) {
            server.start();
            String secret = server.provision("T-FOOT-01", "000.00.15.H12", "1");
            sim.start();
            String command = "exec env LANG=C.UTF-8 HAILONG_SERVER_URL=" + server.uri() + " HAILONG_TERMINAL_ID=T-FOOT-01"
                    + " HAILONG_TERMINAL_SECRET=" + secret + " HAILONG_DATA_DIR=" + dir.resolve("kiosk")
                    + " HAILONG_PANEL_PORT=" + socat.host() + " HAILONG_LOCAL_PORT=" + localPort
                    + " HAILONG_KIOSK_JAR=" + KIOSK_JAR + " bash " + launcher + " -Dhailong.min-interval-seconds=0";
            // as installed: a first start writes the class-data archive when the kiosk quits, later starts use it
            double firstStart = startAndWait(session, command, localPort);
            Tmux.run("tmux", "send-keys", "-t", session, "C-x");
            Await.until(Duration.ofSeconds(30), () -> !Tmux.alive(session) && Files.exists(dir.resolve("kiosk")
                    .resolve("kiosk-classes.jsa")), () -> "the first kiosk quits and leaves its archive: " + Tmux.pane(session));
            BenchmarkReport.figure("kiosk first start to ready (no archive yet)", "s", firstStart, "-");
            long launched = System.nanoTime();
            Tmux.run("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command);
            try {
                long pid = Long.parseLong(Tmux.run("tmux", "display", "-p", "-t", session, "#{pane_pid}"));
                Await.until(Duration.ofSeconds(60), () -> Tmux.pane(session).contains("ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG")
                        && status(localPort).contains("\"panel\":\"OK\""), () -> "the kiosk is ready: " + Tmux.pane(session));
                double startSeconds = (System.nanoTime() - launched) / 1e9;

                AtomicLong maxRss = new AtomicLong();
                List<Long> samples = new ArrayList<>();
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> {
                    long rss = rssKiB(pid);
                    synchronized (samples) {
                        samples.add(rss);
                    }
                    maxRss.accumulateAndGet(rss, Math::max);
                }, 0, 1, TimeUnit.SECONDS);
                long end = System.nanoTime() + RUN.toNanos();
                int presses = 0;
                while (System.nanoTime() < end) {
                    sim.press(1 + presses % 4);
                    presses++;
                    Await.until(Duration.ofSeconds(10), () -> sim.unacknowledged() == 0, () -> "the press is acknowledged");
                    java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L); // the pace of the load, not a wait for a result
                }
                sampler.shutdown();
                sampler.awaitTermination(5, TimeUnit.SECONDS);
                int pressesDone = presses;
                Await.until(Duration.ofSeconds(60), () -> status(localPort).matches(".*\"pending\":0[,}].*"),
                        () -> "all " + pressesDone + " presses sent: " + status(localPort));
                long last;
                synchronized (samples) {
                    last = samples.get(samples.size() - 1);
                }
                BenchmarkReport.figure("kiosk start to ready (with its archive)", "s", startSeconds, "<= 3 s");
                BenchmarkReport.figure("kiosk RSS max (" + presses + " presses in " + RUN.toSeconds() + " s)", "MB",
                        maxRss.get() / 1024.0, "<= 192 MB");
                BenchmarkReport.figure("kiosk RSS at the end", "MB", last / 1024.0, "-");
                BenchmarkReport.line("kiosk JVM options: " + options);
                assertTrue(presses > 0);
            } finally {
                Tmux.stop(session);
            }
        }
    }

    private double startAndWait(String session, String command, int localPort) throws Exception {
        long launched = System.nanoTime();
        Tmux.run("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command);
        Await.until(Duration.ofSeconds(60), () -> Tmux.pane(session).contains("ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG")
                && status(localPort).contains("\"panel\":\"OK\""), () -> "the kiosk is ready: " + Tmux.pane(session));
        return (System.nanoTime() - launched) / 1e9;
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private String status(int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/status")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

}
