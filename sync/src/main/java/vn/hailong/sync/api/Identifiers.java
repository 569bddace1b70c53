package vn.hailong.sync.api;

import java.util.function.IntPredicate;

/**
 * The identifier rules of domain.md §1: agency, counter, officer, procedure and dossier codes are opaque
 * strings of 1–64 printable ASCII characters without whitespace; terminal ids are {@code [A-Za-z0-9._-]+}.
 */
public final class Identifiers {
    private static final int MAX_LENGTH = 64;

    private Identifiers() {
    }

    /** {@code [\x21-\x7E]{1,64}}, checked by a loop: ingest checks six codes per event (a regex was 4 % of it). */
    public static boolean isOpaque(String value) {
        return oneTo64Of(value, c -> c >= 0x21 && c <= 0x7E);
    }

    /** {@code [A-Za-z0-9._-]{1,64}}. */
    public static boolean isTerminalId(String value) {
        return oneTo64Of(value, c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '-');
    }

    /** Whether {@code value} holds 1 to 64 characters, each {@code allowed}. */
    private static boolean oneTo64Of(String value, IntPredicate allowed) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed.test(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code value} is not an opaque identifier, for error messages. */
    public static String opaqueRule() {
        return "must be 1-64 printable ASCII characters without spaces";
    }

    public static String terminalRule() {
        return "must be 1-64 characters from A-Z, a-z, 0-9, '.', '_' and '-'";
    }
}
