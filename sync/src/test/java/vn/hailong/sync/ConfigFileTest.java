package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** install/sync.yml, the operator's documented configuration, stays in step with the server's own defaults. */
class ConfigFileTest {
    @Test
    void theDocumentedFileHasEveryOperatorKeyWithTheSameDefault() throws IOException {
        Map<String, Object> builtIn;
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            builtIn = YamlKeys.of(in);
        }
        Map<String, Object> documented = YamlKeys.of(Path.of("..", "install", "sync.yml"));
        documented.forEach((key, value) -> assertEquals(builtIn.get(key), value,
                key + " in install/sync.yml differs from the server's built-in application.yml"));
        builtIn.keySet().stream().filter(k -> k.startsWith("hailong.") || k.startsWith("datasources.")
                        || k.equals("micronaut.server.port") || k.equals("micronaut.server.host"))
                .forEach(k -> assertTrue(documented.containsKey(k), k + " is missing from install/sync.yml"));
    }

    /**
     * The server buffers a body whole: a size limit above the buffer limit is a limit nobody can reach (it was 256
     * MiB against Micronaut's 10 MiB buffer, so a 20 MiB import got a 413 naming a framework property).
     */
    @Test
    void theBodyLimitAndTheBufferLimitAreOne() throws IOException {
        for (Path file : java.util.List.of(Path.of("src", "main", "resources", "application.yml"),
                Path.of("..", "install", "sync.yml"))) {
            Map<String, Object> keys = YamlKeys.of(file);
            assertEquals(keys.get("micronaut.server.max-request-size"), keys.get("micronaut.server.max-request-buffer-size"),
                    file.toString());
            assertTrue(keys.get("micronaut.server.max-request-size") != null, file.toString());
        }
    }
}
