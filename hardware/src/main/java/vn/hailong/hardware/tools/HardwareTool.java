package vn.hailong.hardware.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.panel.PanelDiagnostics;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.hardware.sim.PanelSimulator;

/** Entry point of {@code hailong-hardware.jar}: the installer's and tester's tools for rating panels. */
public final class HardwareTool {
    private static final String USAGE = String.join("\n",
            "usage: java -jar hailong-hardware.jar <command> [options]",
            "  monitor --port PATH [--mode nmea|digits] [--baud N]",
            "      check a panel: acknowledges presses, prints one JSON line per press and per panel state",
            "      change; dropped bytes and frames go to standard error",
            "  sim --port PATH [--buttons N] [--mode nmea|digits] [--baud N]",
            "      play a panel on PATH; commands on standard input, one a line:",
            "      press N | noise N | quiet SECONDS | unplug | plug | restart | seq N | drop-acks on|off",
            "      | sleep SECONDS | wait-acks | quit");

    private HardwareTool() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.println(USAGE);
            return;
        }
        try {
            switch (args[0]) {
                case "monitor" -> monitor(new Args(args, 1, Set.of("port", "mode", "baud")), out);
                case "sim" -> sim(new Args(args, 1, Set.of("port", "mode", "baud", "buttons")), out);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    private static SerialPanel.Protocol protocol(Args args) {
        String mode = args.text("mode", "nmea");
        return switch (mode) {
            case "nmea" -> SerialPanel.Protocol.NMEA;
            case "digits" -> SerialPanel.Protocol.DIGITS;
            default -> throw new IllegalArgumentException("--mode must be nmea or digits, got '" + mode + "'");
        };
    }

    private static void monitor(Args args, PrintStream out) throws InterruptedException {
        String port = args.required("port");
        SerialPanel panel = new SerialPanel(new SerialConnection(port, args.number("baud", 9600, 50, 4_000_000)),
                SerialPanel.Settings.defaults(protocol(args)), Clock.systemUTC());
        panel.onStateChange(s -> out.println("{\"panel\":\"" + s.state() + "\",\"reason\":\"" + json(s.reason())
                + "\",\"at\":\"" + Instant.now() + "\"}"));
        panel.onDrop((reason, count, body) -> System.err.println("dropped " + count + " " + reason
                + (body == null ? "" : ": " + body)));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PanelDiagnostics d = panel.diagnostics();
            System.err.println("diagnostics: " + d);
            panel.close();
            done.countDown();
        }));
        panel.start(p -> {
            out.println("{\"devseq\":" + (p.deviceSeq() < 0 ? "null" : p.deviceSeq()) + ",\"button\":" + p.button()
                    + ",\"at\":\"" + p.readAt() + "\"}");
            return PressOutcome.STORED;
        });
        done.await();
    }

    private static void sim(Args args, PrintStream out) throws Exception {
        String port = args.required("port");
        int buttons = args.number("buttons", 5, 1, 9);
        PanelSimulator sim = new PanelSimulator(new SerialConnection(port, args.number("baud", 9600, 50, 4_000_000)),
                protocol(args), buttons, Duration.ofSeconds(5), body -> out.println("host: " + body),
                System.nanoTime());
        sim.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty() || w[0].startsWith("#")) {
                continue;
            }
            try {
                if (!command(sim, w)) {
                    break;
                }
            } catch (IllegalArgumentException e) {
                System.err.println("sim: " + e.getMessage());
            }
        }
        awaitAcks(sim, Duration.ofSeconds(3));
        sim.close();
    }

    /** Runs one sim command; false to quit. */
    private static boolean command(PanelSimulator sim, String[] w) {
        switch (w[0]) {
            case "press" -> {
                int seq = sim.press(arg(w, 1));
                System.err.println("sim: pressed " + w[1] + (seq < 0 ? "" : " devseq " + seq));
            }
            case "noise" -> sim.noise(arg(w, 200));
            case "quiet" -> sim.quiet(Duration.ofSeconds(arg(w, 20)));
            case "unplug" -> sim.unplug();
            case "plug" -> sim.plug();
            case "restart" -> sim.restart();
            case "seq" -> sim.deviceSeq(arg(w, 0));
            case "drop-acks" -> sim.dropAcks(w.length > 1 && w[1].equals("on"));
            case "sleep" -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos((long) (Double.parseDouble(w[1]) * 1000)));
            case "wait-acks" -> awaitAcks(sim, Duration.ofSeconds(10));
            case "quit" -> {
                return false;
            }
            default -> throw new IllegalArgumentException("unknown command '" + w[0] + "': press N, noise N, "
                    + "quiet SECONDS, unplug, plug, restart, seq N, drop-acks on|off, sleep SECONDS, wait-acks, quit");
        }
        return true;
    }

    private static int arg(String[] w, int fallback) {
        if (w.length < 2) {
            if (fallback > 0 || w[0].equals("seq")) {
                return fallback;
            }
            throw new IllegalArgumentException(w[0] + " needs a number");
        }
        try {
            return Integer.parseInt(w[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(w[0] + " needs a number, got '" + w[1] + "'");
        }
    }

    private static void awaitAcks(PanelSimulator sim, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sim.unacknowledged() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
