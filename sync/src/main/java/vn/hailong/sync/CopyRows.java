package vn.hailong.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.TimestampUtils;

/**
 * Rows appended to a PostgreSQL table by {@code COPY ... FROM STDIN} (text format): one message of rows instead
 * of INSERTs with a parameter per value, which the server parses and the driver encodes one by one. Values are
 * written as the driver writes them for an INSERT (its own text for instants and dates), so a row stores the same
 * either way; a row a key refuses fails the COPY with the same SQLState.
 */
final class CopyRows {
    private final StringBuilder text = new StringBuilder(1 << 16);
    private final TimestampUtils timestamps;

    private CopyRows(TimestampUtils timestamps) {
        this.timestamps = timestamps;
    }

    /** Sends {@code rows} (each a value per column) into {@code table}, in the connection's transaction. */
    static void append(Connection connection, String table, List<String> columns, Iterable<Object[]> rows)
            throws SQLException {
        CopyRows copy = new CopyRows(connection.unwrap(BaseConnection.class).getTimestampUtils());
        for (Object[] row : rows) {
            copy.row(row);
        }
        byte[] data = copy.text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns)
                    + ") FROM STDIN", new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("could not send the rows of " + table + " to PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void row(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            value(values[i]);
        }
        text.append('\n');
    }

    private void value(Object v) {
        if (v == null) {
            text.append("\\N");
        } else if (v instanceof String s) {
            escaped(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            text.append(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (v instanceof OffsetDateTime t) {
            text.append(timestamps.toString(t));
        } else if (v instanceof LocalDate d) {
            text.append(timestamps.toString(d));
        } else {
            throw new IllegalArgumentException("no COPY text for a " + v.getClass().getName());
        }
    }

    /** Backslash, tab, newline and carriage return are COPY's own characters: escaped; the rest as it is. */
    private void escaped(String s) {
        if (!needsEscape(s)) {
            text.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
