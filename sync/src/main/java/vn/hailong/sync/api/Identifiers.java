package vn.hailong.sync.api;

import java.util.regex.Pattern;

/**
 * The identifier rules of domain.md §1: agency, counter, officer, procedure and dossier codes are opaque
 * strings of 1–64 printable ASCII characters without whitespace; terminal ids are {@code [A-Za-z0-9._-]+}.
 */
public final class Identifiers {
    private static final Pattern OPAQUE = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern TERMINAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Identifiers() {
    }

    public static boolean isOpaque(String value) {
        return value != null && OPAQUE.matcher(value).matches();
    }

    public static boolean isTerminalId(String value) {
        return value != null && TERMINAL.matcher(value).matches();
    }

    /** Why {@code value} is not an opaque identifier, for error messages. */
    public static String opaqueRule() {
        return "must be 1-64 printable ASCII characters without spaces";
    }

    public static String terminalRule() {
        return "must be 1-64 characters from A-Z, a-z, 0-9, '.', '_' and '-'";
    }
}
