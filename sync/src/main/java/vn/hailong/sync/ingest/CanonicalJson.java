package vn.hailong.sync.ingest;

import io.micronaut.json.tree.JsonNode;
import java.util.Arrays;
import java.util.Map;

/**
 * A key-order independent rendering of a JSON value, hashed to decide whether a redelivered event id
 * carries the same content (duplicate) or other content (CONFLICT). The hashes of stored events were made with
 * this rendering: it must never change, byte for byte ({@code CanonicalJsonTest}).
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            // keys in String order; an array sorted in place costs less than a map per event (ingest hashes each)
            @SuppressWarnings("unchecked")
            Map.Entry<String, JsonNode>[] entries = new Map.Entry[node.size()];
            int n = 0;
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                entries[n++] = e;
            }
            Arrays.sort(entries, 0, n, Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(entries[i].getKey(), out);
                out.append(':');
                write(entries[i].getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode v : node.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(v, out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.getStringValue(), out);
        } else if (node.isNumber()) {
            out.append(node.getNumberValue());
        } else if (node.isBoolean()) {
            out.append(node.getBooleanValue());
        } else {
            out.append("null");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        if (!needsEscape(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return true;
            }
        }
        return false;
    }
}
