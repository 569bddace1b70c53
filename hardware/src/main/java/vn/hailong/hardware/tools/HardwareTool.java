package vn.hailong.hardware.tools;

/** Entry point of {@code hailong-hardware.jar}: the installer's and tester's tools. */
public final class HardwareTool {
    private HardwareTool() {
    }

    public static void main(String[] args) {
        System.out.println("usage: java -jar hailong-hardware.jar <monitor|sim> [options]");
        System.out.println("  monitor --port PATH [--mode nmea|digits] [--baud N]");
        System.out.println("  sim --port PATH [--buttons N] [--mode nmea|digits]");
        if (args.length > 0) {
            System.err.println("'" + args[0] + "': the serial tools are not built yet (see issue 3)");
            System.exit(2);
        }
    }
}
