package vn.hailong.kiosk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.connection.SerialConnection;
import vn.hailong.hardware.connection.SocatPair;
import vn.hailong.hardware.nmea.Nmea;
import vn.hailong.hardware.panel.SerialPanel;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.panel.PanelConnector;
import vn.hailong.kiosk.rating.RatingRecorder;
import vn.hailong.sync.BenchmarkReport;

/**
 * Press to durable: 10,000 presses through a real pseudo-terminal into the kiosk (the serial driver, the
 * recorder, the H2 outbox and its journal record forced to the disk), timed from the frame written on the panel's side to the
 * acknowledgement read back there (the kiosk acknowledges only a stored press). Reference: the disk's own
 * fsync latency, a loop of FileChannel.force on a file in the same directory.
 */
class PressToDurableBenchmark {
    private static final int PRESSES = 10_000;
    private static final int WARM_UP = 500;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void pressToDurable() throws Exception {
        long[] latencies = new long[PRESSES];
        try (SocatPair socat = new SocatPair(dir).start();
             ApplicationContext kiosk = KioskContexts.offline(dir.resolve("kiosk"), "hailong.panel.port", socat.host(),
                     "hailong.min-interval-seconds", 0, "hailong.panel.debounce-ms", 0,
                     // the installed default (KioskContexts' 1 s is for tests): an offline kiosk's sender retries
                     // a batch of 500 a minute, not each second beside the presses
                     "hailong.sync.max-backoff-seconds", 60);
             SerialConnection panelSide = new SerialConnection(socat.panel(), 9600)) {
            // the panel's side first: opening a port flushes what the line holds, so opened after the kiosk's
            // it could flush the kiosk's first question (seen: "no line starting $HLID?", 2 runs of 16)
            panelSide.open();
            SerialPanel panel = kiosk.getBean(PanelConnector.class).start(kiosk.getBean(RatingRecorder.class))
                    .orElseThrow().driver();
            try {
                AckReader acks = new AckReader(panelSide);
                // the kiosk flushes the line when it opens its port (a frame written before that is gone), then
                // asks the panel who it is
                acks.awaitLine("$HLID?");
                for (int i = 0; i < WARM_UP + PRESSES; i++) {
                    int devseq = i % 65536;
                    long start = System.nanoTime();
                    panelSide.write(Nmea.frame("HLBTN," + devseq + "," + (1 + i % 4)));
                    acks.awaitAck(devseq);
                    if (i >= WARM_UP) {
                        latencies[i - WARM_UP] = System.nanoTime() - start;
                    }
                }
                assertEquals(WARM_UP + PRESSES, kiosk.getBean(OutboxStore.class).pendingCount(), "every press stored once");
            } finally {
                panel.close();
            }
        }
        long[] fsync = fsyncLatencies(dir, 2_000);
        Arrays.sort(latencies);
        Arrays.sort(fsync);
        BenchmarkReport.figure("press to durable p50 (pty, 10,000 presses)", "ms", ms(pct(latencies, 50)),
                "fsync p50 (FileChannel.force)", ms(pct(fsync, 50)), "-");
        BenchmarkReport.figure("press to durable p99 (pty, 10,000 presses)", "ms", ms(pct(latencies, 99)),
                "fsync p99 (FileChannel.force)", ms(pct(fsync, 99)), "p99 <= 5 ms");
        BenchmarkReport.figure("press to durable max", "ms", ms(latencies[latencies.length - 1]),
                "fsync max", ms(fsync[fsync.length - 1]), "-");
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** 4 KiB written and forced to the disk, again and again, in the benchmark's own directory. */
    static long[] fsyncLatencies(Path dir, int n) throws IOException {
        long[] out = new long[n];
        ByteBuffer page = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(dir.resolve("fsync-probe"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            for (int i = 0; i < n; i++) {
                page.clear();
                long start = System.nanoTime();
                ch.write(page, (long) (i % 256) * 4096);
                ch.force(false);
                out[i] = System.nanoTime() - start;
            }
        }
        return out;
    }

    /** Reads the panel side of the line until the acknowledgement of a devseq arrives (LED frames pass by). */
    private static final class AckReader {
        private final SerialConnection link;
        private final byte[] buffer = new byte[512];
        private final StringBuilder line = new StringBuilder();

        AckReader(SerialConnection link) {
            this.link = link;
        }

        void awaitAck(int devseq) {
            awaitLine("$HLACK," + devseq + "*");
        }

        void awaitLine(String wanted) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                int n = link.read(buffer, 100);
                if (n < 0) {
                    throw new IllegalStateException("the pty closed");
                }
                for (int i = 0; i < n; i++) {
                    char c = (char) buffer[i];
                    if (c == '\n') {
                        boolean found = line.toString().startsWith(wanted);
                        line.setLength(0);
                        if (found) {
                            return;
                        }
                    } else if (c != '\r') {
                        line.append(c);
                    }
                }
            }
            throw new IllegalStateException("no line starting " + wanted + " within 5 s");
        }
    }
}
