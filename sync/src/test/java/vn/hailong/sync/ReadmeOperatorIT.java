package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The README's operator block, run verbatim with bash and curl against the packaged server: it works as written. */
class ReadmeOperatorIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    static String operatorBlock() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Operating the central server");
        assertTrue(section >= 0, "README has the operator section");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        return readme.substring(start, readme.indexOf("\n```", start) + 1);
    }

    @Test
    void theOperatorCurlLinesWorkAsWritten() throws Exception {
        Path script = dir.resolve("operator.sh");
        Files.writeString(script, "set -euo pipefail\n" + operatorBlock());
        try (SyncServerProcess server = new SyncServerProcess(dir)) {
            server.start();
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
            pb.environment().put("SERVER", server.uri().toString());
            pb.environment().put("TOKEN", SyncServerProcess.ADMIN_TOKEN);
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the block ends");
            String out = Files.readString(dir.resolve("out"));
            assertEquals(0, p.exitValue(), "every curl line answered 2xx:\n" + out);
            assertTrue(out.contains("\"secret\":"), "the terminal was provisioned: " + out);
            assertTrue(out.contains("{\"imported\":2,\"rejected\":[]}"), out);
            assertTrue(out.contains("\"flags\":[\"MISSING_APOLOGY\"]"), "the late dossier is flagged: " + out);
            assertTrue(out.contains("\"returned\":2,\"early\":1,\"onTime\":0,\"late\":1"), out);
            // secrets never reach the log: not the terminal's secret, not the viewer's token, not the admin token
            String secret = out.replaceAll("(?s).*\"secret\":\"([^\"]+)\".*", "$1");
            String viewerToken = out.replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
            StringBuilder logs = new StringBuilder();
            try (var files = Files.list(dir)) {
                for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                    logs.append(Files.readString(log));
                }
            }
            assertTrue(logs.toString().contains("terminal T-0001"), "the log was read: " + logs);
            for (String s : new String[] {secret, viewerToken, SyncServerProcess.ADMIN_TOKEN}) {
                assertTrue(s.length() > 10 && !logs.toString().contains(s), "a secret is in the server log: " + s);
            }
            byte[] csv = Files.readAllBytes(dir.resolve("satisfaction.csv"));
            assertTrue(csv.length > 3 && (csv[0] & 0xff) == 0xEF && (csv[1] & 0xff) == 0xBB && (csv[2] & 0xff) == 0xBF,
                    "the CSV starts with the UTF-8 BOM");
        }
    }
}
