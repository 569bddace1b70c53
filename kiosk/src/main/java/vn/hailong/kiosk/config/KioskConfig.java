package vn.hailong.kiosk.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kiosk's configuration: {@code hailong.*} in application.yml, or the HAILONG_* environment. */
@ConfigurationProperties("hailong")
public record KioskConfig(
        @Nullable String serverUrl,
        @Nullable String terminalId,
        @Nullable String terminalSecret,
        @Bindable(defaultValue = "./kiosk-data") String dataDir,
        @Bindable(defaultValue = "4") int scale,
        @Bindable(defaultValue = "vi") String lang,
        @Bindable(defaultValue = "3") int minIntervalSeconds,
        @Bindable(defaultValue = "4") int confirmationSeconds) {

    public Path dataPath() {
        return Path.of(dataDir);
    }

    public boolean english() {
        return "en".equalsIgnoreCase(lang);
    }

    /**
     * The first-run check: every problem that keeps the kiosk from recording or sending, each naming the
     * variable to set. Empty when the kiosk can start.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (serverUrl == null || serverUrl.isBlank()) {
            problems.add("HAILONG_SERVER_URL is not set: the address of the central server, e.g. http://10.0.0.5:8080");
        } else if (!serverUrl.startsWith("http://") && !serverUrl.startsWith("https://")) {
            problems.add("HAILONG_SERVER_URL must start with http:// or https://, got '" + serverUrl + "'");
        }
        if (terminalId == null || !terminalId.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("HAILONG_TERMINAL_ID is " + (terminalId == null || terminalId.isEmpty() ? "not set" : "'"
                    + terminalId + "', not 1-64 of A-Z a-z 0-9 . _ -") + ": use the id the operator provisioned");
        }
        if (terminalSecret == null || terminalSecret.isBlank()) {
            problems.add("HAILONG_TERMINAL_SECRET is not set: the secret returned when the operator provisioned this terminal");
        }
        if (scale < 3 || scale > 5) {
            problems.add("HAILONG_SCALE must be 3, 4 or 5 (the number of rating buttons), got " + scale);
        }
        if (!"vi".equalsIgnoreCase(lang) && !"en".equalsIgnoreCase(lang)) {
            problems.add("HAILONG_LANG must be vi or en, got '" + lang + "'");
        }
        return problems;
    }
}
