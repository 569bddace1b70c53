package vn.hailong.sync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LocalTime#parseInstant} reads by hand what terminals send: it must answer exactly as the standard parser. */
class LocalTimeTest {

    private static Optional<OffsetDateTime> standard(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void readsTheUsualFormsAsTheStandardParserDoes() {
        for (String text : List.of("2026-11-20T08:15:02+07:00", "2026-11-20T08:15:02Z", "2026-11-20T08:15:02.5+07:00",
                "2026-11-20T08:15:02.123456789-05:30", "2024-02-29T23:59:59.000+00:00", "2026-11-20T08:15:02-00:00",
                "0000-01-01T00:00:00Z", "2026-12-31T23:59:59.999999999+18:00")) {
            assertEquals(standard(text), LocalTime.parseInstant(text), text);
            assertEquals(true, LocalTime.parseInstant(text).isPresent(), text);
        }
    }

    @Test
    void refusesOrDefersWhatTheStandardParserRefusesOrReadsOtherwise() {
        for (String text : List.of("2026-11-20T08:15+07:00", "2026-11-20t08:15:02z", "2026-02-29T08:15:02+07:00",
                "2026-11-20T24:00:00Z", "2026-11-20T08:60:02Z", "2026-11-20T08:15:60Z", "2026-13-20T08:15:02Z",
                "2026-11-20T08:15:02.Z", "2026-11-20T08:15:02.1234567890Z", "2026-11-20T08:15:02+19:00",
                "2026-11-20T08:15:02+07:00:30", "2026-11-20T08:15:02+0700", "2026-11-20T08:15:02",
                "+12026-11-20T08:15:02Z",
                "2026-11-20 08:15:02Z", "2026-11-20T08:15:02+07:60", "2026-11-20T08:15:02+07", "", "x")) {
            assertEquals(standard(text), LocalTime.parseInstant(text), text);
        }
        assertEquals(Optional.empty(), LocalTime.parseInstant(null));
    }

    /** Random instants in every form, and each with one character changed, dropped or doubled. */
    @Test
    void answersAsTheStandardParserForRandomTexts() {
        Random random = new Random(20261207);
        String alphabet = "0123456789-+:.TtZz ";
        for (int i = 0; i < 200_000; i++) {
            OffsetDateTime instant = OffsetDateTime.of(1 + random.nextInt(9998), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000),
                    java.time.ZoneOffset.ofTotalSeconds((random.nextInt(145) - 72) * 15 * 60));
            String text = instant.toString();
            switch (random.nextInt(4)) {
                case 0 -> text = text.substring(0, Math.max(0, text.length() - random.nextInt(3)));
                case 1 -> {
                    int at = random.nextInt(text.length());
                    text = text.substring(0, at) + alphabet.charAt(random.nextInt(alphabet.length()))
                            + text.substring(at + 1);
                }
                case 2 -> {
                    int at = random.nextInt(text.length());
                    text = text.substring(0, at) + text.charAt(at) + text.substring(at);
                }
                default -> { }
            }
            assertEquals(standard(text), LocalTime.parseInstant(text), text);
        }
    }
}
