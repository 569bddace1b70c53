package vn.hailong.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.connection.SocatPair;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;
import vn.hailong.sync.SyncServerProcess;

/**
 * install/kiosk-provision.sh against the packaged server on loopback and a simulated panel on a socat pty: the
 * terminal's configuration is written only when the server accepts its signed heartbeat and the panel answers.
 */
class KioskProvisionIT {
    @TempDir
    Path dir;

    private Path installed() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        Scripts.Run install = Scripts.run(Map.of("DESTDIR", root.toString()), "bash", "kiosk-install.sh");
        assertEquals(0, install.code(), install.toString());
        return root;
    }

    private Scripts.Run provision(Path root, String stdin, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "kiosk-provision.sh"));
        command.addAll(List.of(options));
        return Scripts.run(Map.of("DESTDIR", root.toString()), stdin, command);
    }

    @Test
    void provisionsWithAnOperatorTokenOrAPastedSecretOnlyWhenServerAndPanelAnswer() throws Exception {
        Path root = installed();
        Path config = root.resolve("etc/hailong/kiosk.yml");
        String pristine = Files.readString(config);
        try (SyncServerProcess server = new SyncServerProcess(dir.resolve("server"));
             SocatPair socat = new SocatPair(dir).start();
             PanelSimulator panel = new PanelSimulator(new SerialConnection(socat.panel(), 9600),
                     SerialPanel.Protocol.NMEA, 4, Duration.ofSeconds(1), body -> { }, 7)) {
            Files.createDirectories(dir.resolve("server"));
            server.start();
            panel.start();
            String url = server.uri().toString();

            // a wrong secret: refused by the server, nothing written
            Scripts.Run wrong = provision(root, "", "--server", url, "--terminal", "T-INST-01", "--secret",
                    "bm90LXRoZS1zZWNyZXQ", "--panel", socat.host(), "--panel-seconds", "3");
            assertEquals(1, wrong.code(), wrong.toString());
            assertTrue(wrong.output().contains("server NOT OK") && wrong.output().contains("refused terminal T-INST-01"),
                    wrong.output());
            assertTrue(wrong.output().contains("panel OK"), "the panel was fine: " + wrong.output());
            assertTrue(wrong.output().contains("provisioning NOT done") && wrong.output().contains("is unchanged"),
                    wrong.output());
            assertEquals(pristine, Files.readString(config));

            // the secret fetched once with an operator token
            Scripts.Run fetched = provision(root, SyncServerProcess.ADMIN_TOKEN + "\n", "--server", url, "--terminal",
                    "T-INST-01", "--operator-token", "-", "--agency", "000.00.15.H12", "--counter", "3",
                    "--panel", socat.host(), "--panel-seconds", "3");
            assertEquals(0, fetched.code(), fetched.toString());
            assertTrue(fetched.output().contains("server OK: " + url + " accepted terminal T-INST-01"), fetched.output());
            assertTrue(fetched.output().contains("panel OK: " + socat.host() + " answered"), fetched.output());
            String written = Files.readString(config);
            assertTrue(written.contains("  server-url: '" + url + "'") && written.contains("  terminal-id: 'T-INST-01'")
                    && written.matches("(?s).*\\n  terminal-secret: '[A-Za-z0-9_-]{20,}'\\n.*"), written);
            assertTrue(written.contains("port: ${HAILONG_PANEL_PORT:" + socat.host() + "}"), written);
            assertEquals("rw------- " + Scripts.owner(root, "hailong"), Scripts.modeAndOwner(root, "/etc/hailong/kiosk.yml"));
            assertFalse(fetched.output().contains(SyncServerProcess.ADMIN_TOKEN), "the token is not echoed");
            String terminals = server.get("/api/v1/reports/terminals", SyncServerProcess.ADMIN_TOKEN).body();
            assertTrue(terminals.contains("\"terminalId\":\"T-INST-01\""), terminals);

            // a pasted secret (read from standard input, not the command line), panel left out
            String secret = server.provision("T-INST-02", "000.00.15.H12", "4");
            Scripts.Run pasted = provision(root, secret + "\n", "--server", url, "--terminal", "T-INST-02",
                    "--secret", "-", "--no-panel");
            assertEquals(0, pasted.code(), pasted.toString());
            assertTrue(Files.readString(config).contains("  terminal-secret: '" + secret + "'"));
            assertTrue(Files.readString(config).contains("port: ${HAILONG_PANEL_PORT:}"), "no panel configured");
            assertFalse(pasted.output().contains(secret), "the secret is not echoed");

            // no panel where one is expected: refused, configuration kept
            String before = Files.readString(config);
            Scripts.Run noPanel = provision(root, secret + "\n", "--server", url, "--terminal", "T-INST-02",
                    "--secret", "-", "--panel", dir.resolve("no-such-tty").toString(), "--panel-seconds", "2");
            assertEquals(1, noPanel.code(), noPanel.toString());
            assertTrue(noPanel.output().contains("panel NOT OK"), noPanel.output());
            assertEquals(before, Files.readString(config));
        }
        // the server is gone: the check says it cannot reach it
        Scripts.Run down = provision(root, "", "--server", "http://127.0.0.1:9", "--terminal", "T-INST-03",
                "--secret", "c2VjcmV0LXNlY3JldA", "--no-panel");
        assertEquals(1, down.code(), down.toString());
        assertTrue(down.output().contains("cannot reach http://127.0.0.1:9"), down.output());
    }

    @Test
    void badArgumentsSayWhatIsWrong() throws Exception {
        Path root = installed();
        Scripts.Run run = provision(root, "", "--server", "10.0.0.5", "--terminal", "T-1", "--secret", "x");
        assertTrue(run.code() != 0 && run.output().contains("--server wants the central server's address"), run.toString());
        run = provision(root, "", "--server", "http://10.0.0.5:8080", "--terminal", "T 1", "--secret", "x");
        assertTrue(run.code() != 0 && run.output().contains("--terminal wants the terminal id"), run.toString());
        run = provision(root, "", "--server", "http://10.0.0.5:8080", "--terminal", "T-1");
        assertTrue(run.code() != 0 && run.output().contains("give --secret"), run.toString());
        run = provision(root, "", "--server", "http://10.0.0.5:8080", "--terminal", "T-1", "--secret", "x",
                "--panel", "ttyUSB0|rm");
        assertTrue(run.code() != 0 && run.output().contains("--panel wants the panel's device path"), run.toString());
        run = provision(root, "", "--server", "http://10.0.0.5:8080", "--terminal", "T-1", "--secret", "short");
        assertTrue(run.code() != 0 && run.output().contains("does not look like one the server gives"), run.toString());
    }

}
