package vn.hailong.kiosk.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The kiosk's config files hold the terminal secret (khóa bí mật của máy): like ssh with a private key, the kiosk
 * refuses to start while another user of the terminal could read one, rather than let the secret leak.
 */
public final class SecretFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /** The config files Micronaut reads besides the built-in one: {@code micronaut.config.files} or its variable. */
    public static List<Path> configured(String property, String environment) {
        String list = property != null && !property.isBlank() ? property : environment;
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s.startsWith("file:") ? s.substring(5) : s)).toList();
    }

    /** One problem per file that users other than its owner may read or change, saying how to fix it. */
    public static List<String> problems(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;  // Micronaut itself names a missing file
            }
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    problems.add("config file " + file + " holds the terminal secret but other users may read it (mode "
                            + PosixFilePermissions.toString(permissions) + "): run  chmod 600 " + file
                            + "  as root or its owner");
                }
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (a developer's Windows machine): nothing to check
            } catch (IOException e) {
                problems.add("config file " + file + " cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }
}
