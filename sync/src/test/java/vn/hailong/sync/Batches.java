package vn.hailong.sync;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds batch bodies the way a terminal writes them. */
public final class Batches {
    private final JsonMapper json;

    public Batches(JsonMapper json) {
        this.json = json;
    }

    /** A valid rating event; callers change or remove fields to make it wrong. */
    public static Map<String, Object> rating(String id, long seq, String at, int scale, int value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("seq", seq);
        e.put("type", "rating");
        e.put("at", at);
        e.put("scale", scale);
        e.put("value", value);
        e.put("channel", "BUTTON");
        return e;
    }

    public static Map<String, Object> with(Map<String, Object> event, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    public byte[] body(String terminalId, List<?> events) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchId", UUID.randomUUID().toString());
        batch.put("terminalId", terminalId);
        batch.put("sentAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString());
        batch.put("events", new ArrayList<>(events));
        try {
            return json.writeValueAsBytes(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
