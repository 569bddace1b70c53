package vn.hailong.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * How a benchmark reports: one line per figure, with the reference measured in the same run and their ratio,
 * printed and appended to {@code target/benchmarks.txt} at the project root (install/bench.sh prints that file).
 */
public final class BenchmarkReport {
    private static final Path FILE = Path.of("..", "target", "benchmarks.txt");

    private BenchmarkReport() {
    }

    /** A figure with its reference; {@code ratio} is figure / reference. */
    public static void figure(String what, String unit, double figure, String referenceName, double reference,
                              String target) {
        line(String.format(Locale.ROOT, "%-44s %12.2f %-8s | reference %-30s %12.2f %-8s | ratio %6.2f | target %s",
                what, figure, unit, referenceName, reference, unit, reference == 0 ? 0 : figure / reference, target));
    }

    /** A figure without a reference (the issue names none). */
    public static void figure(String what, String unit, double figure, String target) {
        line(String.format(Locale.ROOT, "%-44s %12.2f %-8s | %-63s | %-12s | target %s", what, figure, unit, "", "",
                target));
    }

    public static synchronized void line(String text) {
        System.out.println("BENCH " + text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, text + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
