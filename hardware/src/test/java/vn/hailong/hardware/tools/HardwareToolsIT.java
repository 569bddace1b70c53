package vn.hailong.hardware.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.Await;
import vn.hailong.hardware.connection.SocatPair;

/**
 * The installer's check, for real: {@code monitor} and {@code sim} from the packaged jar on the two ends of a
 * socat pair. Every press shows exactly once through noise, lost acknowledgements and an unplug.
 */
class HardwareToolsIT {
    private static final Path JAR = Path.of("target", "hailong-hardware.jar");
    private static final Pattern PRESS = Pattern.compile("\\{\"devseq\":(\\d+),\"button\":(\\d)");

    @TempDir
    Path dir;

    private Process tool(String command, String port, Path stdout, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-jar", JAR.toString(), command, "--port", port)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private List<String> presses(Path monitorOut) {
        List<String> seen = new ArrayList<>();
        Matcher m = PRESS.matcher(read(monitorOut));
        while (m.find()) {
            seen.add(m.group(1) + ":" + m.group(2));
        }
        return seen;
    }

    @Test
    void monitorShowsEveryPressOfSimExactlyOnce() throws Exception {
        Path monOut = dir.resolve("monitor.out");
        Path monErr = dir.resolve("monitor.err");
        Path simOut = dir.resolve("sim.out");
        Path simErr = dir.resolve("sim.err");
        try (SocatPair socat = new SocatPair(dir).start()) {
            Process monitor = tool("monitor", socat.host(), monOut, monErr);
            Process sim = tool("sim", socat.panel(), simOut, simErr);
            OutputStream commands = sim.getOutputStream();
            try {
                Await.until(Duration.ofSeconds(20), () -> read(monOut).contains("\"panel\":\"OK\""),
                        () -> "monitor sees the panel: " + read(monOut) + read(monErr));
                List<String> expected = new ArrayList<>();
                int seq = 0;
                for (int i = 0; i < 12; i++) {
                    int button = i % 5 + 1;
                    String script = (i % 4 == 1 ? "noise 300\n" : "") + (i % 6 == 2 ? "drop-acks on\n" : "")
                            + "press " + button + "\nwait-acks\ndrop-acks off\n";
                    send(commands, script);
                    expected.add(seq++ + ":" + button);
                    Await.until(Duration.ofSeconds(10), () -> presses(monOut).size() == expected.size(),
                            () -> "press " + expected.size() + " shown: " + presses(monOut));
                    send(commands, "sleep 0.4\n"); // beyond the 300 ms debounce
                }
                socat.stop();
                Await.until(Duration.ofSeconds(10), () -> read(monOut).contains("\"panel\":\"OFFLINE\""),
                        () -> "monitor reports the unplug: " + read(monOut));
                socat.start();
                Await.until(Duration.ofSeconds(30), () -> read(monOut).lastIndexOf("\"panel\":\"OK\"")
                                > read(monOut).lastIndexOf("\"panel\":\"OFFLINE\""),
                        () -> "monitor sees the panel again: " + read(monOut) + read(monErr));
                for (int button : new int[] {3, 1}) {
                    send(commands, "sleep 0.4\npress " + button + "\nwait-acks\n");
                    expected.add(seq++ + ":" + button);
                    Await.until(Duration.ofSeconds(10), () -> presses(monOut).size() == expected.size(),
                            () -> "press after replug shown: " + presses(monOut));
                }
                send(commands, "sleep 1\n");
                assertEquals(expected, presses(monOut), read(monOut));
                assertTrue(read(monErr).contains("NOISE"), "drops reported on standard error: " + read(monErr));
                assertTrue(read(simOut).contains("host: HLACK,0"), read(simOut));
            } finally {
                send(commands, "quit\n");
                sim.waitFor(10, TimeUnit.SECONDS);
                sim.destroyForcibly();
                monitor.destroy();
                monitor.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(read(monErr).contains("diagnostics:"), "monitor prints its diagnostics when stopped");
        }
    }

    private static void send(OutputStream commands, String text) {
        try {
            commands.write(text.getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            // the sim already ended; the assertions say what was missed
        }
    }
}
