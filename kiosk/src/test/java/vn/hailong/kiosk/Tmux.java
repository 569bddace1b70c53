package vn.hailong.kiosk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The real kiosk runs full-screen in tmux for end-to-end tests: commands, the pane's text, sessions. */
public final class Tmux {
    private Tmux() {
    }

    /** Runs a command (tmux, kill, ...) and returns its output; a failure names the command and what it said. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out.trim();
    }

    /** What the session's pane shows now; empty when the session is gone. */
    public static String pane(String session) {
        try {
            return run("tmux", "capture-pane", "-p", "-J", "-t", session);
        } catch (IllegalStateException | IOException | InterruptedException e) {
            return "";
        }
    }

    public static boolean alive(String session) {
        try {
            run("tmux", "has-session", "-t", session);
            return true;
        } catch (IllegalStateException | IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops the program in the session's pane as systemd would (SIGTERM, then SIGKILL after 30 s) and closes the
     * session. Closing the session alone sends SIGHUP, which a process started from a shell that ignores it (as a
     * CI job's may) also ignores: the kiosk of KioskFootprintBenchmark kept running after the benchmark ended.
     */
    public static void stop(String session) {
        try {
            long pid = Long.parseLong(run("tmux", "display", "-p", "-t", session, "#{pane_pid}"));
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroy();
                try {
                    process.onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    process.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            });
        } catch (IllegalStateException | IOException | NumberFormatException e) {
            // no such session: nothing runs in it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(session);
    }

    public static void kill(String session) {
        try {
            run("tmux", "kill-session", "-t", session);
        } catch (IllegalStateException | IOException | InterruptedException e) {
            // already gone with its process
        }
    }
}
