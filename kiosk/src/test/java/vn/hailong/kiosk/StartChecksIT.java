package vn.hailong.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged kiosk refuses to start, saying why, before it opens any screen or port. */
class StartChecksIT {
    private static final Path KIOSK_JAR = Path.of("target", "hailong-kiosk.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private record Exit(int code, String output) {
    }

    private Exit run(Path configFile) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", KIOSK_JAR.toString()).redirectErrorStream(true);
        builder.environment().put("MICRONAUT_CONFIG_FILES", configFile.toString());
        builder.environment().put("HAILONG_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("HAILONG_LOCAL_PORT", "0");
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the kiosk stops by itself");
        return new Exit(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aSecretFileOtherUsersMayReadIsRefused() throws Exception {
        Path config = Files.writeString(dir.resolve("kiosk.yml"), """
                hailong:
                  server-url: http://127.0.0.1:9
                  terminal-id: T-PERM-01
                  terminal-secret: s3cret-not-to-leak
                """);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Exit exit = run(config);
        assertEquals(2, exit.code(), exit.output());
        assertTrue(exit.output().contains("other users may read it") && exit.output().contains("chmod 600 " + config),
                exit.output());
        assertTrue(!exit.output().contains("s3cret-not-to-leak"), "the refusal does not print the secret");
    }
}
