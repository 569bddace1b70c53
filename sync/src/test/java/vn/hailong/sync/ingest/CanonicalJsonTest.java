package vn.hailong.sync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Stored events keep the hash of {@link CanonicalJson}'s rendering, and a redelivered event is a duplicate only when
 * its rendering hashes the same: the rendering must stay what it was when those hashes were made. The rendering as
 * first written ({@link #original}) is the oracle.
 */
class CanonicalJsonTest {
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void rendersAnEventWithKeysInOrder() throws Exception {
        JsonNode event = parse("{\"seq\":7,\"id\":\"e-1\",\"type\":\"rating\",\"at\":\"2026-11-20T08:15:02+07:00\","
                + "\"reasons\":[\"OFFICER\",\"RESULT\"],\"value\":2,\"extra\":{\"b\":null,\"a\":true,\"c\":1.5}}");
        assertEquals("{\"at\":\"2026-11-20T08:15:02+07:00\",\"extra\":{\"a\":true,\"b\":null,\"c\":1.5},\"id\":\"e-1\","
                + "\"reasons\":[\"OFFICER\",\"RESULT\"],\"seq\":7,\"type\":\"rating\",\"value\":2}",
                CanonicalJson.of(event));
    }

    @Test
    void rendersRandomJsonAsTheOriginalRenderingDid() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // an element of an array, as events come in a batch's array (a null there is a node, not Java's null)
            StringBuilder text = new StringBuilder("[");
            value(random, text, 0);
            JsonNode node = parse(text.append(']').toString()).values().iterator().next();
            StringBuilder expected = new StringBuilder();
            original(node, expected);
            assertEquals(expected.toString(), CanonicalJson.of(node), text.toString());
        }
    }

    private JsonNode parse(String text) throws Exception {
        return json.readValue(text.getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
    }

    /** Random JSON text: objects with keys that sort in String order differently than in insertion order, escapes. */
    private static void value(Random random, StringBuilder out, int depth) {
        int kind = depth > 3 ? 2 + random.nextInt(5) : random.nextInt(7);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = random.nextInt(14);
                java.util.Set<String> keys = new java.util.HashSet<>();
                for (int i = 0; i < n; i++) {
                    String key = text(random);
                    if (!keys.add(key)) {
                        continue;
                    }
                    out.append(keys.size() > 1 ? "," : "");
                    quoted(key, out);
                    out.append(':');
                    value(random, out, depth + 1);
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    value(random, out, depth + 1);
                }
                out.append(']');
            }
            case 2 -> quoted(text(random), out);
            case 3 -> out.append(switch (random.nextInt(6)) {
                case 0 -> Integer.toString(random.nextInt());
                case 1 -> Long.toString(random.nextLong());
                case 2 -> "123456789012345678901234567890";
                case 3 -> Double.toString(random.nextDouble() * 1000);
                case 4 -> "1e" + random.nextInt(30);
                default -> "-0.000" + random.nextInt(1000);
            });
            case 4 -> out.append(random.nextBoolean());
            case 5 -> out.append("null");
            default -> out.append(random.nextInt(10));
        }
    }

    private static String text(Random random) {
        String alphabet = "abcABC_-.0129 \"\\/\u0001\t\nĐàẵố😀";
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isSurrogate(c)) {
                s.append("😀");
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static void quoted(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
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

    /** The rendering as first written (git history of CanonicalJson): a TreeMap per object, escapes char by char. */
    private static void original(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                sorted.put(e.getKey(), e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quoted(e.getKey(), out);
                out.append(':');
                original(e.getValue(), out);
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
                original(v, out);
            }
            out.append(']');
        } else if (node.isString()) {
            quoted(node.getStringValue(), out);
        } else if (node.isNumber()) {
            out.append(node.getNumberValue());
        } else if (node.isBoolean()) {
            out.append(node.getBooleanValue());
        } else {
            out.append("null");
        }
    }
}
