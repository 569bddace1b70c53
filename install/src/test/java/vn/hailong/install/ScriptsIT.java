package vn.hailong.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shell script of install/ is shellcheck-clean; the server's log rotation really rotates. */
class ScriptsIT {
    @TempDir
    Path dir;

    @Test
    void everyScriptIsShellcheckClean() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        try (var files = Files.walk(Scripts.INSTALL)) {
            files.filter(p -> p.toString().endsWith(".sh") && !p.startsWith(Scripts.INSTALL.resolve("target")))
                    .map(p -> Scripts.INSTALL.relativize(p).toString()).sorted().forEach(command::add);
        }
        assertTrue(command.size() >= 13, "the scripts are found: " + command);
        Scripts.Run run = Scripts.run(Map.of(), "", command);
        assertEquals(0, run.code(), run.toString());
    }

    @Test
    void theLogrotateRuleRotatesTheServerLog() throws Exception {
        // the rule as installed, pointed at a log here and run as root (its user exists only where it is installed)
        Path log = Files.writeString(dir.resolve("sync.log"), "2026-11-22T08:00:00 INFO server started\n");
        Path rule = dir.resolve("hailong-sync");
        Files.writeString(rule, Files.readString(Scripts.INSTALL.resolve("files/hailong-sync.logrotate"))
                .replace("/var/log/hailong/sync.log", log.toString()).replace("su hailong-sync adm", "su root root"));
        Scripts.Run debug = Scripts.run(Map.of(), "logrotate", "-d", "-s", dir.resolve("status").toString(), rule.toString());
        assertEquals(0, debug.code(), debug.toString());
        assertTrue(!debug.output().contains("error"), debug.output());
        Scripts.Run forced = Scripts.run(Map.of(), "logrotate", "-f", "-s", dir.resolve("status").toString(), rule.toString());
        assertEquals(0, forced.code(), forced.toString());
        assertEquals("", Files.readString(log), "the live log is truncated in place (the server keeps appending to it)");
        assertTrue(Files.readString(dir.resolve("sync.log.1")).contains("server started"), "the old lines are kept");
    }
}
