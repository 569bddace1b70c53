package vn.hailong.sync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The identifier checks answer as the rules of domain.md §1 written as regular expressions. */
class IdentifiersTest {
    private static final Pattern OPAQUE = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern TERMINAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Test
    void answersAsTheRulesForRandomTexts() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int length = random.nextInt(70);
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < length; k++) {
                int kind = random.nextInt(20);
                text.append(kind == 0 ? (char) random.nextInt(0x21) : kind == 1 ? (char) (0x7E + random.nextInt(0x200))
                        : (char) (0x21 + random.nextInt(0x5E)));
            }
            String s = text.toString();
            assertEquals(OPAQUE.matcher(s).matches(), Identifiers.isOpaque(s), s);
            assertEquals(TERMINAL.matcher(s).matches(), Identifiers.isTerminalId(s), s);
        }
        assertEquals(false, Identifiers.isOpaque(null));
        assertEquals(false, Identifiers.isTerminalId(null));
        assertEquals(true, Identifiers.isOpaque("H2.1-ĐN".substring(0, 5)));
        assertEquals(false, Identifiers.isOpaque("Đà Nẵng"));
        assertEquals(true, Identifiers.isTerminalId("T-01.a_b"));
        assertEquals(false, Identifiers.isTerminalId("T 01"));
        assertEquals(true, Identifiers.isOpaque("x".repeat(64)));
        assertEquals(false, Identifiers.isOpaque("x".repeat(65)));
    }
}
