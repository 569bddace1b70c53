package vn.hailong.kiosk;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the kiosk's application context on a data directory, as the kiosk would, for tests. */
public final class KioskContexts {
    private KioskContexts() {
    }

    /** A kiosk that sends to {@code server}: presses not held to an interval, retries within a second. */
    public static ApplicationContext online(Path dataDir, java.net.URI server, String terminalId, String secret,
                                            Object... extra) {
        Map<String, Object> props = new HashMap<>(Map.of(
                "hailong.server-url", server.toString(),
                "hailong.terminal-id", terminalId,
                "hailong.terminal-secret", secret,
                "hailong.data-dir", dataDir.toString(),
                "hailong.min-interval-seconds", 0,
                "hailong.sync.max-backoff-seconds", 1,
                "hailong.sync.idle-check-seconds", 1));
        for (int i = 0; i < extra.length; i += 2) {
            props.put((String) extra[i], extra[i + 1]);
        }
        return ApplicationContext.run(props);
    }

    /** A kiosk whose server is a closed loopback port: everything stays pending. */
    public static ApplicationContext offline(Path dataDir, Object... extra) {
        Map<String, Object> props = new HashMap<>(Map.of(
                "hailong.server-url", "http://127.0.0.1:9",
                "hailong.terminal-id", "T-TEST",
                "hailong.terminal-secret", "secret",
                "hailong.data-dir", dataDir.toString(),
                "hailong.sync.max-backoff-seconds", 1));
        for (int i = 0; i < extra.length; i += 2) {
            props.put((String) extra[i], extra[i + 1]);
        }
        return ApplicationContext.run(props);
    }
}
