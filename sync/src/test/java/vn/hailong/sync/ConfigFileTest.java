package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** install/sync.yml, the operator's documented configuration, stays in step with the server's own defaults. */
class ConfigFileTest {
    private static Map<String, Object> flatten(String prefix, Map<?, ?> yaml, Map<String, Object> into) {
        yaml.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k.toString() : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flatten(key, m, into);
            } else {
                into.put(key, v);
            }
        });
        return into;
    }

    private static Map<String, Object> keys(InputStream in) {
        return flatten("", new Yaml().load(in), new TreeMap<>());
    }

    @Test
    void theDocumentedFileHasEveryOperatorKeyWithTheSameDefault() throws IOException {
        Map<String, Object> builtIn;
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            builtIn = keys(in);
        }
        Map<String, Object> documented;
        try (InputStream in = Files.newInputStream(Path.of("..", "install", "sync.yml"))) {
            documented = keys(in);
        }
        documented.forEach((key, value) -> assertEquals(builtIn.get(key), value,
                key + " in install/sync.yml differs from the server's built-in application.yml"));
        builtIn.keySet().stream().filter(k -> k.startsWith("hailong.") || k.startsWith("datasources.")
                        || k.equals("micronaut.server.port") || k.equals("micronaut.server.host"))
                .forEach(k -> assertTrue(documented.containsKey(k), k + " is missing from install/sync.yml"));
    }
}
