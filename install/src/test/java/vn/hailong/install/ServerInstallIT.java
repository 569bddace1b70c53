package vn.hailong.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.sync.SyncServerProcess;

/** install/server-install.sh into a staging root, on H2 and on a PostgreSQL it creates the database in. */
class ServerInstallIT {
    private static final Pattern TOKEN = Pattern.compile("Admin token \\(shown once[^\\n]*\\n  ([A-Za-z0-9_-]{43})\\n");

    @TempDir
    Path dir;

    private static Scripts.Run install(Path root, Map<String, String> env, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "server-install.sh"));
        command.addAll(List.of(options));
        Map<String, String> all = new TreeMap<>(env);
        all.put("DESTDIR", root.toString());
        return Scripts.run(all, "", command);
    }

    static Map<String, String> envFile(Path file) throws Exception {
        Map<String, String> values = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && line.contains("=")) {
                String value = line.substring(line.indexOf('=') + 1);
                assertTrue(value.startsWith("\"") && value.endsWith("\""), "quoted for systemd and bash: " + line);
                values.put(line.substring(0, line.indexOf('=')), value.substring(1, value.length() - 1));
            }
        }
        return values;
    }

    @Test
    void installsTheServiceOnH2WithATokenShownOnceAndUpgradesInPlace() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        Scripts.Run run = install(root, Map.of(), "--port", "8181");
        assertEquals(0, run.code(), run.toString());
        Matcher token = TOKEN.matcher(run.output());
        assertTrue(token.find(), "the admin token is shown: " + run.output());
        String sync = Scripts.owner(root, "hailong-sync");
        String uid = sync.substring(0, sync.indexOf(':'));
        String adm = Scripts.gid(root, "adm");
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("/etc/hailong", "rwxr-xr-x 0:0"),
                Map.entry("/etc/hailong/sync.env", "rw------- 0:0"),
                Map.entry("/etc/hailong/sync.yml", "rw-r----- 0:" + sync.substring(sync.indexOf(':') + 1)),
                Map.entry("/etc/logrotate.d", "rwxr-xr-x 0:0"),
                Map.entry("/etc/logrotate.d/hailong-sync", "rw-r--r-- 0:0"),
                Map.entry("/etc/systemd", "rwxr-xr-x 0:0"),
                Map.entry("/etc/systemd/system", "rwxr-xr-x 0:0"),
                Map.entry("/etc/systemd/system/hailong-sync.service", "rw-r--r-- 0:0"),
                Map.entry("/etc/systemd/system/multi-user.target.wants", "rwxr-xr-x 0:0"),
                Map.entry("/etc/systemd/system/multi-user.target.wants/hailong-sync.service", "rwxrwxrwx 0:0"),
                Map.entry("/opt", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong/hailong-sync.jar", "rw-r--r-- 0:0"),
                Map.entry("/usr", "rwxr-xr-x 0:0"),
                Map.entry("/usr/local", "rwxr-xr-x 0:0"),
                Map.entry("/usr/local/sbin", "rwxr-xr-x 0:0"),
                Map.entry("/usr/local/sbin/hailong-sync-backup", "rwxr-xr-x 0:0"),
                Map.entry("/usr/local/sbin/hailong-sync-restore", "rwxr-xr-x 0:0"),
                Map.entry("/var", "rwxr-xr-x 0:0"),
                Map.entry("/var/lib", "rwxr-xr-x 0:0"),
                Map.entry("/var/lib/hailong", "rwxr-x--- " + sync),
                Map.entry("/var/lib/hailong/sync", "rwx------ " + sync),
                Map.entry("/var/lib/hailong/sync/backups", "rwx------ " + sync),
                Map.entry("/var/log", "rwxr-xr-x 0:0"),
                Map.entry("/var/log/hailong", "rwxr-x---+setgid " + uid + ":" + adm),
                Map.entry("/var/log/hailong/sync.log", "rw-r----- " + uid + ":" + adm)));
        Map<String, String> actual = new TreeMap<>();
        for (String path : Scripts.tree(root)) {
            actual.put(path, Scripts.modeAndOwner(root, path));
        }
        assertEquals(expected, actual);
        Path envFile = root.resolve("etc/hailong/sync.env");
        Map<String, String> env = envFile(envFile);
        assertEquals(token.group(1), env.get("HAILONG_ADMIN_TOKEN"));
        assertEquals("8181", env.get("HAILONG_PORT"));
        assertEquals("jdbc:h2:file:/var/lib/hailong/sync/hailong-sync;WRITE_DELAY=0", env.get("HAILONG_DB_URL"));
        assertEquals(Files.readString(Scripts.INSTALL.resolve("sync.yml")), Files.readString(root.resolve("etc/hailong/sync.yml")));

        Path unit = root.resolve("etc/systemd/system/hailong-sync.service");
        Scripts.Run verify = Scripts.run(Map.of(), "systemd-analyze", "verify", unit.toString());
        assertEquals(0, verify.code(), verify.toString());
        assertEquals("", verify.output().strip());

        String before = Files.readString(envFile);
        Scripts.Run upgrade = install(root, Map.of());
        assertEquals(0, upgrade.code(), upgrade.toString());
        assertFalse(upgrade.output().contains("Admin token"), "shown once only: " + upgrade.output());
        assertTrue(upgrade.output().contains("configuration, admin token and data kept"), upgrade.output());
        assertEquals(before, Files.readString(envFile));

        assertEquals(0, install(root, Map.of(), "--uninstall").code());
        assertTrue(Files.exists(envFile) && Files.isDirectory(root.resolve("var/lib/hailong/sync")), "kept");
        assertFalse(Files.exists(unit) || Files.exists(root.resolve("opt/hailong/hailong-sync.jar")));
        assertEquals(0, install(root, Map.of(), "--uninstall", "--purge").code());
        assertFalse(Files.exists(envFile) || Files.exists(root.resolve("var/lib/hailong")), Scripts.tree(root).toString());
    }

    @Test
    void wrongOptionsAreRefused() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        Scripts.Run run = install(root, Map.of(), "--db-url", "postgres://db/hailong");
        assertTrue(run.code() != 0 && run.output().contains("--db-url wants jdbc:postgresql://HOST:PORT/DATABASE"), run.toString());
        run = install(root, Map.of(), "--port", "80808");
        assertTrue(run.code() != 0 && run.output().contains("--port wants a TCP port"), run.toString());
        assertEquals(List.of(), Scripts.tree(root));
    }

    @Test
    void onALocalPostgresqlTheRoleAndDatabaseAreCreatedAndTheServerRunsOnThem() throws Exception {
        String name = "hailong_inst_" + UUID.randomUUID().toString().substring(0, 8);
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        try {
            Scripts.Run run = install(root, Map.of("HAILONG_PG_SUPERUSER", Postgres.superuser()), "--db-url",
                    "jdbc:postgresql://127.0.0.1:5432/" + name, "--db-user", name);
            assertEquals(0, run.code(), run.toString());
            assertTrue(run.output().contains("Created PostgreSQL role " + name)
                    && run.output().contains("Created PostgreSQL database " + name), run.output());
            Map<String, String> env = envFile(root.resolve("etc/hailong/sync.env"));
            assertEquals(name, env.get("HAILONG_DB_USER"));
            assertTrue(env.get("HAILONG_DB_PASSWORD").length() >= 30, "a generated password");
            try (SyncServerProcess server = new SyncServerProcess(dir).onDatabase(env.get("HAILONG_DB_URL"), name,
                    env.get("HAILONG_DB_PASSWORD"))) {
                server.start();   // the role owns the database: Flyway creates the tables
                assertEquals(200, server.get("/api/v1/reports/terminals", SyncServerProcess.ADMIN_TOKEN).statusCode());
            }
        } finally {
            Postgres.sql("DROP DATABASE IF EXISTS " + name);
            Postgres.sql("DROP ROLE IF EXISTS " + name);
        }
    }
}
