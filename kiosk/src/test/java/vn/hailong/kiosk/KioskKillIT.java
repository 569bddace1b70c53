package vn.hailong.kiosk;

import vn.hailong.sync.SyncServerProcess;
import vn.hailong.hardware.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.connection.SocatPair;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;

/**
 * The real kiosk jar under tmux, a real server process, a simulated NMEA panel on a socat pty: presses through
 * the panel, the keyboard and a local-API session; the kiosk is killed with SIGKILL mid-stream and started
 * again; the server's report then counts exactly the presses that were confirmed.
 */
class KioskKillIT {
    private static final Path KIOSK_JAR = Path.of("target", "hailong-kiosk.jar").toAbsolutePath();
    private static final Duration T = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final java.util.List<String> hostSaid = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Map<String, Object> json(HttpResponse<String> r) throws IOException {
        return JSON.readValue(r.body(), Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> status(int localPort) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort
                    + "/api/v1/status")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json(r) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private long lastSeq(int localPort) {
        Object v = status(localPort).get("lastSeq");
        return v instanceof Number n ? n.longValue() : -1;
    }

    /**
     * Starts the kiosk jar in a new tmux session and returns the java process id. The secret is in a config file
     * only its owner reads, as the installer writes it: neither on a command line nor in the environment.
     */
    private long startKiosk(String session, SyncServerProcess server, String secret, SocatPair socat, int localPort)
            throws Exception {
        Path config = dir.resolve("kiosk.yml");
        java.nio.file.Files.writeString(config, "hailong:\n  terminal-secret: " + secret + "\n");
        java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rw-------"));
        String command = "exec env LANG=C.UTF-8 HAILONG_SERVER_URL=" + server.uri() + " HAILONG_TERMINAL_ID=T-KILL-01"
                + " MICRONAUT_CONFIG_FILES=" + config + " HAILONG_DATA_DIR=" + dir.resolve("kiosk")
                + " HAILONG_PANEL_PORT=" + socat.host() + " HAILONG_LOCAL_PORT=" + localPort
                + " java -Dhailong.min-interval-seconds=0 -Dhailong.reasons-timeout-seconds=0 -Dhailong.panel.debounce-ms=0"
                + " -jar " + KIOSK_JAR;
        Tmux.run("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command);
        long pid = Long.parseLong(Tmux.run("tmux", "display", "-p", "-t", session, "#{pane_pid}"));
        Await.until(T, () -> "OK".equals(status(localPort).get("panel")), () -> "the kiosk is up with its panel: "
                + status(localPort) + Tmux.pane(session));
        return pid;
    }

    private String log() {
        try {
            return java.nio.file.Files.readString(dir.resolve("kiosk").resolve("kiosk.log"));
        } catch (IOException e) {
            return "(no kiosk log)";
        }
    }

    /** The kiosk's log says what happened (it is not empty) and never holds the terminal secret. */
    private void assertTheLogKeepsTheSecret(String secret) {
        String log = log();
        assertTrue(log.contains("ready") && log.contains("stored"), "the kiosk logged its work: " + log);
        assertTrue(!log.contains(secret), "the terminal secret is not in the kiosk's log");
    }

    /** A panel press is confirmed when its LED lights: the kiosk stored it (an ack alone may be a debounce). */
    private void panelPress(PanelSimulator sim, int button) {
        long before = leds();
        sim.press(button);
        Await.until(T, () -> leds() == before + 1 && sim.unacknowledged() == 0, () -> "the panel press is confirmed");
    }

    private long leds() {
        synchronized (hostSaid) {
            return hostSaid.stream().filter(s -> s.startsWith("HLLED,")).count();
        }
    }

    private int keyPress(String session, int localPort, char key) throws Exception {
        long before = lastSeq(localPort);
        Tmux.run("tmux", "send-keys", "-t", session, String.valueOf(key));
        Await.until(T, () -> lastSeq(localPort) == before + 1, () -> "the key press is stored: " + Tmux.pane(session)
                + log());
        return 1;
    }

    @Test
    void afterASigkillTheServerCountsExactlyTheConfirmedPresses() throws Exception {
        String session = "hailong-kill-" + UUID.randomUUID().toString().substring(0, 8);
        int localPort = freePort();
        try (SyncServerProcess server = new SyncServerProcess(dir);
             SocatPair socat = new SocatPair(dir).start();
             PanelSimulator sim = new PanelSimulator(new SerialConnection(socat.panel(), 9600), SerialPanel.Protocol.NMEA,
                     4, Duration.ofSeconds(1), hostSaid::add, 11)) {
            server.start();
            HttpResponse<String> provisioned = server.post("/api/v1/admin/terminals",
                    "{\"terminalId\":\"T-KILL-01\",\"agencyCode\":\"000.00.15.H12\",\"counter\":\"2\"}",
                    SyncServerProcess.ADMIN_TOKEN);
            String secret = (String) json(provisioned).get("secret");
            sim.start();
            int keys = 0;
            long pid = startKiosk(session, server, secret, socat, localPort);
            try {
                for (int i = 0; i < 6; i++) {
                    panelPress(sim, i % 4 + 1);
                }
                keys += keyPress(session, localPort, '3');
                keys += keyPress(session, localPort, '4');
                HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort
                        + "/api/v1/session")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .ofString("{\"dossierCode\":\"D-KILL-1\",\"officerId\":\"cb02\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, opened.statusCode(), opened.body());
                panelPress(sim, 2);
                for (int i = 0; i < 4; i++) {
                    panelPress(sim, 4 - i % 4);
                }
                Tmux.run("kill", "-9", Long.toString(pid));                    // mid-stream, no warning
                Await.until(T, () -> status(localPort).isEmpty(), () -> "the kiosk is gone");
                sim.press(1);                                            // nobody listens: never confirmed
                Await.until(T, () -> sim.unacknowledged() == 0, () -> "the panel gives up on it");
                Tmux.kill(session);                                    // the pane ends with its process

                pid = startKiosk(session, server, secret, socat, localPort);
                for (int i = 0; i < 3; i++) {
                    panelPress(sim, i + 2);
                }
                keys += keyPress(session, localPort, '1');
                int confirmed = (int) leds() + keys;
                Await.until(T, () -> ((Number) status(localPort).get("pending")).longValue() == 0,
                        () -> "everything sent: " + status(localPort));
                LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
                HttpResponse<String> report = server.get("/api/v1/reports/satisfaction?from=" + today.minusDays(1)
                        + "&to=" + today.plusDays(1), SyncServerProcess.ADMIN_TOKEN);
                @SuppressWarnings("unchecked")
                Map<String, Object> total = (Map<String, Object>) json(report).get("total");
                assertEquals(confirmed, ((Number) total.get("counted")).intValue(), report.body());
                assertEquals(confirmed, lastSeq(localPort), "one event per confirmed press, no seq lost or repeated");
                assertTrue(confirmed >= 15, "the run pressed enough: " + confirmed);
                assertTheLogKeepsTheSecret(secret);
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                Tmux.kill(session);
            }
        }
    }

    /**
     * SIGKILL at random moments while panel presses are in flight, again and again ({@code -Dhailong.test.kills},
     * 5 in the test command, 50 in the longer run of RELIABILITY.md). A press is confirmed when its LED lights.
     * Every confirmed press must be counted by the server; a press stored in the instant before a kill, whose
     * LED never lit, may be counted too (the panel resends it and the kiosk knows it); seqs have no gap or repeat.
     */
    @Test
    void repeatedKillsWhilePressesStreamInLoseAndDoubleNothing() throws Exception {
        int kills = Integer.getInteger("hailong.test.kills", 5);
        java.util.Random random = new java.util.Random(kills);
        String session = "hailong-kills-" + UUID.randomUUID().toString().substring(0, 8);
        int localPort = freePort();
        try (SyncServerProcess server = new SyncServerProcess(dir);
             SocatPair socat = new SocatPair(dir).start();
             PanelSimulator sim = new PanelSimulator(new SerialConnection(socat.panel(), 9600), SerialPanel.Protocol.NMEA,
                     4, Duration.ofSeconds(1), hostSaid::add, 13)) {
            server.start();
            String secret = server.provision("T-KILL-01", "KILLS", "2");
            sim.start();
            long pid = 0;
            int pressed = 0;
            try {
                for (int k = 0; k < kills; k++) {
                    pid = startKiosk(session, server, secret, socat, localPort);
                    int burst = 1 + random.nextInt(6);
                    for (int i = 0; i < burst; i++) {
                        sim.press(1 + random.nextInt(4));                 // not waiting: presses are in flight
                        pressed++;
                        java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(150) * 1_000_000L); // the pace
                    }
                    Tmux.run("kill", "-9", Long.toString(pid));
                    Await.until(T, () -> status(localPort).isEmpty(), () -> "the kiosk is gone");
                    Await.until(T, () -> sim.unacknowledged() == 0, () -> "the panel gives up on unanswered presses");
                    Tmux.kill(session);
                }
                pid = startKiosk(session, server, secret, socat, localPort);
                long confirmed = leds();
                Await.until(T, () -> ((Number) status(localPort).get("pending")).longValue() == 0,
                        () -> "everything sent: " + status(localPort));
                long stored = lastSeq(localPort);
                HttpResponse<String> report = server.get("/api/v1/reports/satisfaction?agency=KILLS&from="
                        + LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1) + "&to="
                        + LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1), SyncServerProcess.ADMIN_TOKEN);
                @SuppressWarnings("unchecked")
                long counted = ((Number) ((Map<String, Object>) json(report).get("total")).get("counted")).longValue();
                HttpResponse<String> terminals = server.get("/api/v1/reports/terminals?agency=KILLS",
                        SyncServerProcess.ADMIN_TOKEN);
                System.out.printf("KioskKillIT: %d kills, %d presses, %d confirmed, %d stored, %d counted%n", kills,
                        pressed, confirmed, stored, counted);
                assertTrue(confirmed > 0, "some presses were confirmed");
                assertTrue(counted >= confirmed, "every confirmed press is counted: " + counted + " < " + confirmed);
                assertEquals(stored, counted, "the server counts each stored event once");
                assertTrue(terminals.body().contains("\"highestContiguousSeq\":" + stored + ",")
                        && terminals.body().contains("\"gaps\":[]"), "no seq lost or repeated: " + terminals.body());
                assertTheLogKeepsTheSecret(secret);
            } finally {
                if (pid != 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                Tmux.kill(session);
            }
        }
    }
}
