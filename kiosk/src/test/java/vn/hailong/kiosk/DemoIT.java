package vn.hailong.kiosk;

import vn.hailong.hardware.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, for real: {@code install/demo.sh} under tmux starts the server and the kiosk
 * in one terminal; a key press is thanked, synced, and counted in the report printed on quitting.
 */
class DemoIT {
    private static final Path DEMO = Path.of("..", "install", "demo.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDemoRecordsSyncsAndReportsAPress() throws Exception {
        try {
            Tmux.run("tmux", "-V");
        } catch (IOException e) {
            throw new AssertionError("tmux is needed for this test: install/test.sh installs it (apt-get install tmux)", e);
        }
        int port = freePort();
        int localPort = freePort();
        String session = "hailong-demo-" + UUID.randomUUID().toString().substring(0, 8);
        String command = "env HAILONG_PORT=" + port + " HAILONG_LOCAL_PORT=" + localPort + " DEMO_DATA=" + dir + " LANG=C.UTF-8 bash " + DEMO
                + "; echo DEMO-EXIT=$?; sleep 300";
        List<String> start = new ArrayList<>(List.of("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                command));
        Tmux.run(start.toArray(String[]::new));
        try {
            Await.until(Duration.ofSeconds(120), () -> Tmux.pane(session).contains("Phím 1-4"),
                    () -> "the kiosk screen appears:\n" + Tmux.pane(session));
            assertTrue(Tmux.pane(session).contains("Rất hài lòng"), Tmux.pane(session));
            Tmux.run("tmux", "send-keys", "-t", session, "4");
            Await.until(Duration.ofSeconds(10), () -> Tmux.pane(session).contains("Đã ghi nhận: Rất hài lòng"),
                    () -> "the press is thanked:\n" + Tmux.pane(session));
            Await.until(Duration.ofSeconds(30), () -> Tmux.pane(session).contains("Đã kết nối máy chủ")
                            && Tmux.pane(session).contains("Chờ gửi: 0"),
                    () -> "the rating is synced:\n" + Tmux.pane(session));
            Tmux.run("tmux", "send-keys", "-t", session, "C-x");
            Await.until(Duration.ofSeconds(30), () -> Tmux.pane(session).contains("DEMO-EXIT="),
                    () -> "the demo ends after Ctrl+X:\n" + Tmux.pane(session));
            String end = Tmux.pane(session);
            assertTrue(end.contains("DEMO-EXIT=0"), end);
            assertTrue(end.replaceAll("\\s", "").contains("\"total\":{\"counted\":1,"), end);
            assertEquals(-1, end.indexOf("Exception"), end);
        } finally {
            Tmux.run("tmux", "kill-session", "-t", session);
        }
    }
}
