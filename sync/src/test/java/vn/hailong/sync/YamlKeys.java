package vn.hailong.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/**
 * A YAML configuration file as its dotted keys and values ({@code hailong.panel.port → ...}): how the tests
 * compare a documented config file (install/sync.yml, install/files/kiosk.yml) with the built-in one.
 */
public final class YamlKeys {
    private YamlKeys() {
    }

    public static Map<String, Object> of(InputStream in) {
        return flatten("", new Yaml().load(in), new TreeMap<>());
    }

    public static Map<String, Object> of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

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
}
