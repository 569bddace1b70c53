package vn.hailong.sync.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A report's JSON answer written with Jackson's streaming generator, for the answers too large for the framework's
 * serializers: SIPAS by officer answers 6,000 groups (3.3 MB), apology for a year lists 40,000 dossiers, and a third
 * of their time went to Micronaut Serialization's map and record serializers, which look up a serializer per value
 * (JFR, 10 million events). Written as the framework writes it: compact UTF-8, nulls written, decimals as
 * {@link BigDecimal#toString()} ({@code JsonAnswerTest} compares the two byte for byte).
 */
final class JsonAnswer {
    /** Thread-safe once built; holds no state between answers. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonAnswer() {
    }

    /** What writes one answer's value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** The bytes of one answer. */
    static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("a report's answer could not be written", e);
        }
        return out.toByteArray();
    }

    /** A 200 answer of {@code application/json}. */
    static HttpResponse<byte[]> ok(Body body) {
        return HttpResponse.ok(bytes(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** A field whose value is one {@link #value} writes. */
    static void field(JsonGenerator g, String name, Object value) throws IOException {
        g.writeFieldName(name);
        value(g, value);
    }

    /** The characters {@link #instant} needs at most. */
    static final int INSTANT_CHARS = 64;

    /**
     * An instant field, or null, as {@link OffsetDateTime#toString()} writes it, without building the string: a year
     * of a province lists 80,000 instants, and their strings were a sixth of the answer's time (JFR). Years outside
     * 0000–9999 and offsets with seconds, which no dossier has, are left to {@code toString()}.
     */
    static void instant(JsonGenerator g, String name, OffsetDateTime t, char[] text) throws IOException {
        g.writeFieldName(name);
        if (t == null) {
            g.writeNull();
            return;
        }
        int year = t.getYear();
        int offset = t.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            g.writeString(t.toString());
            return;
        }
        int n = digits(text, 0, year, 4);
        text[n++] = '-';
        n = digits(text, n, t.getMonthValue(), 2);
        text[n++] = '-';
        n = digits(text, n, t.getDayOfMonth(), 2);
        text[n++] = 'T';
        n = digits(text, n, t.getHour(), 2);
        text[n++] = ':';
        n = digits(text, n, t.getMinute(), 2);
        int second = t.getSecond();
        int nano = t.getNano();
        if (second > 0 || nano > 0) {   // LocalTime.toString: seconds only when not zero, then 3, 6 or 9 digits
            text[n++] = ':';
            n = digits(text, n, second, 2);
            if (nano > 0) {
                text[n++] = '.';
                if (nano % 1_000_000 == 0) {
                    n = digits(text, n, nano / 1_000_000, 3);
                } else if (nano % 1000 == 0) {
                    n = digits(text, n, nano / 1000, 6);
                } else {
                    n = digits(text, n, nano, 9);
                }
            }
        }
        if (offset == 0) {
            text[n++] = 'Z';
        } else {
            int minutes = Math.abs(offset) / 60;
            text[n++] = offset < 0 ? '-' : '+';
            n = digits(text, n, minutes / 60, 2);
            text[n++] = ':';
            n = digits(text, n, minutes % 60, 2);
        }
        g.writeString(text, 0, n);
    }

    /** Writes {@code value} as {@code width} digits, zeros first; the index after them. */
    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /**
     * A value of a report's map, as the framework writes it by its runtime type: null, a string, a whole number, a
     * decimal, a boolean, a map (keys as strings) or a list of these.
     */
    static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("a report's answer holds a " + value.getClass().getName()
                    + ", which JsonAnswer does not write");
        }
    }
}
