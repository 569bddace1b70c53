package vn.hailong.hardware.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frame rules of serial-protocol.md, one by one, then under a flood of random and mutated bytes. */
class NmeaFrameReaderTest {
    private final List<String> frames = new ArrayList<>();
    private final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    private final NmeaFrameReader reader = new NmeaFrameReader(new FrameListener() {
        @Override
        public void frame(String body) {
            frames.add(body);
        }

        @Override
        public void dropped(DropReason reason, int count) {
            drops.merge(reason, count, Integer::sum);
        }
    });

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(b, 0, b.length);
    }

    private static String frame(String body) {
        return new String(Nmea.frame(body), StandardCharsets.US_ASCII);
    }

    @Test
    void checksumIsTheXorOfTheBodyInUpperCaseHex() {
        assertEquals("$HLBTN,41,3*6A\r\n", frame("HLBTN,41,3"));
        assertEquals("$HLACK,41*64\r\n", frame("HLACK,41"));
    }

    @Test
    void eachRuleDeliversOrDropsWithItsReason() {
        record Case(String input, List<String> frames, Map<DropReason, Integer> drops) {
        }
        String ok = frame("HLBTN,1,2");
        List<Case> cases = List.of(
                new Case(ok, List.of("HLBTN,1,2"), Map.of()),
                new Case("xy" + ok + "z", List.of("HLBTN,1,2"), Map.of(DropReason.NOISE, 3)),
                new Case("$HLBTN,1,2*00\r\n", List.of(), Map.of(DropReason.BAD_CHECKSUM, 1)),
                new Case(ok.replace("*5F", "*5f"), List.of(), Map.of(DropReason.MALFORMED, 1, DropReason.NOISE, 2)),
                new Case("$HLBTN,1" + ok, List.of("HLBTN,1,2"), Map.of(DropReason.MALFORMED, 1)),
                new Case("$HLBTN,1,2\r\n" + ok, List.of("HLBTN,1,2"), Map.of(DropReason.MALFORMED, 1, DropReason.NOISE, 1)),
                new Case(ok.replace("\r\n", "\n"), List.of(), Map.of(DropReason.MALFORMED, 1, DropReason.NOISE, 0)),
                new Case(ok.replace("\r\n", "\r"), List.of(), Map.of()),
                new Case("$HL\u0001BTN*00\r\n", List.of(), Map.of(DropReason.MALFORMED, 1, DropReason.NOISE, 8)),
                new Case("$" + "A".repeat(90) + "*00\r\n" + ok, List.of("HLBTN,1,2"),
                        Map.of(DropReason.OVERSIZE, 1, DropReason.NOISE, 13)),
                new Case("$HLBTN,1,2*4G\r\n", List.of(), Map.of(DropReason.MALFORMED, 1, DropReason.NOISE, 2)));
        for (Case c : cases) {
            frames.clear();
            drops.clear();
            feed(c.input());
            Map<DropReason, Integer> expected = new EnumMap<>(DropReason.class);
            c.drops().forEach((k, v) -> {
                if (v > 0) {
                    expected.put(k, v);
                }
            });
            assertEquals(c.frames(), frames, c.input());
            assertEquals(expected, drops, c.input());
            feed("\r\n" + "$X*58\r\n"); // flush any frame left open; X's checksum is 0x58
        }
    }

    @Test
    void aFrameOfExactly82BytesIsAcceptedAnd83IsNot() {
        String body80 = "A".repeat(76);            // $ + 76 + * + 2 + CR LF = 82
        String fits = frame(body80);
        assertEquals(82, fits.length());
        feed(fits);
        assertEquals(List.of(body80), frames);
        feed(frame("A".repeat(77)));
        assertEquals(1, frames.size());
        assertEquals(1, drops.get(DropReason.OVERSIZE));
    }

    @Test
    void everyValidFrameInAFloodOfNoiseAndMutatedFramesIsDeliveredOnceAndNothingElse() {
        Random random = new Random(20261122);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String body = "HLBTN," + random.nextInt(65536) + "," + (1 + random.nextInt(9));
            byte[] valid = Nmea.frame(body);
            switch (random.nextInt(4)) {
                case 0 -> {
                    byte[] noise = new byte[random.nextInt(40)];
                    random.nextBytes(noise);
                    stream.writeBytes(noise);
                }
                case 1 -> {
                    // one byte of a frame changed: the checksum or the framing must catch it
                    byte[] broken = valid.clone();
                    int at = random.nextInt(broken.length);
                    byte was = broken[at];
                    do {
                        broken[at] = (byte) random.nextInt(256);
                    } while (broken[at] == was || broken[at] == '$');
                    stream.writeBytes(broken);
                }
                case 2 -> {
                    // a frame cut short, then another one starts
                    stream.write(valid, 0, 1 + random.nextInt(valid.length - 1));
                }
                default -> {
                }
            }
            stream.writeBytes(valid);
            expected.add(body);
        }
        byte[] all = stream.toByteArray();
        // fed in ragged chunks, as a serial port delivers them
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + random.nextInt(64));
            reader.feed(all, at, n);
            at += n;
        }
        assertEquals(expected.size(), frames.size());
        assertEquals(expected, frames);
    }
}
