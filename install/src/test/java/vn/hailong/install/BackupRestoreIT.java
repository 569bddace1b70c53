package vn.hailong.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.sync.SyncServerProcess;

/**
 * hailong-sync-backup while the packaged server runs with data, more data after it, then hailong-sync-restore:
 * the reports equal those at the backup, terminals still authenticate, and what was there before is kept aside.
 */
class BackupRestoreIT {
    private static final String TERMINAL = "T-BAK-01";

    @TempDir
    Path dir;

    private String reports(SyncServerProcess server) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        StringBuilder all = new StringBuilder();
        for (String report : List.of("satisfaction?groupBy=terminal&" + period, "satisfaction?groupBy=day&" + period,
                "dossiers?" + period)) {
            var response = server.get("/api/v1/reports/" + report, SyncServerProcess.ADMIN_TOKEN);
            assertEquals(200, response.statusCode(), response.body());
            all.append(response.body()).append('\n');
        }
        // the terminals report without its clock-dependent fields
        all.append(server.get("/api/v1/reports/terminals", SyncServerProcess.ADMIN_TOKEN).body()
                .replaceAll("\"(last[A-Za-z]*|stale|clockSkewSeconds)\":[^,}]*", ""));
        return all.toString();
    }

    private Path envFile(SyncServerProcess server, Map<String, String> more) throws Exception {
        Map<String, String> env = new TreeMap<>(more);
        env.put("HAILONG_PORT", Integer.toString(server.port()));
        env.put("HAILONG_ADMIN_TOKEN", SyncServerProcess.ADMIN_TOKEN);
        env.put("HAILONG_DB_URL", server.dbUrl());
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append(k).append("=\"").append(v).append("\"\n"));   // as server-install.sh writes it
        return Files.writeString(dir.resolve("sync.env"), text);
    }

    private Map<String, String> scriptEnv(Path envFile) {
        return Map.of("HAILONG_SYNC_ENV", envFile.toString(), "HAILONG_NO_SYSTEMD", "1",
                "HAILONG_SYNC_JAR", Scripts.REPO.resolve("sync/target/hailong-sync.jar").toString());
    }

    /** Data, backup, more data, restore: the reports of the backup's moment come back. */
    private void backupThenRestore(SyncServerProcess server, Path envFile, String secret) throws Exception {
        assertEquals(200, server.sendRatings(TERMINAL, secret, 1, 4, 4, 3, 1, 2, 4).statusCode());
        server.post("/api/v1/admin/dossiers", "[{\"code\":\"H12.1-261122-0001\",\"agencyCode\":\"000.00.15.H12\","
                + "\"procedureCode\":\"1.001\",\"receivedAt\":\"2026-11-20T08:00:00+07:00\",\"dueAt\":"
                + "\"2026-11-21T17:00:00+07:00\",\"returnedAt\":\"" + LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"))
                + "T09:00:00+07:00\"}]", SyncServerProcess.ADMIN_TOKEN);
        String atBackup = reports(server);

        Scripts.Run backup = Scripts.run(scriptEnv(envFile), "bash", "sync-backup.sh", dir.resolve("backups").toString());
        assertEquals(0, backup.code(), backup.toString());
        Path archive = Path.of(backup.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(Files.isRegularFile(archive), backup.output());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(archive)));

        assertEquals(200, server.sendRatings(TERMINAL, secret, 7, 1, 1).statusCode());   // after the backup
        assertNotEquals(atBackup, reports(server));
        server.stop();

        Scripts.Run restore = Scripts.run(scriptEnv(envFile), "bash", "sync-restore.sh", archive.toString());
        assertEquals(0, restore.code(), restore.toString());
        assertTrue(restore.output().contains("the database as it was is kept in"), restore.output());
        server.start();
        assertEquals(atBackup, reports(server), "the reports are those of the backup's moment");
        // the terminal's secret still opens (its key came back too); it re-sends what came after the backup
        var resent = server.sendRatings(TERMINAL, secret, 7, 1, 1);
        assertTrue(resent.statusCode() == 200 && resent.body().contains("\"accepted\":2"), resent.body());
    }

    @Test
    void anH2ServerIsBackedUpOnlineAndRestored() throws Exception {
        Path key = dir.resolve("terminal-secrets.key");
        try (SyncServerProcess server = new SyncServerProcess(dir).env("HAILONG_SECRET_KEY", "")
                .env("HAILONG_SECRET_KEY_FILE", key.toString())
                .env("HAILONG_BACKUP_DIR", dir.resolve("server-backups").toString())) {
            server.start();
            String secret = server.provision(TERMINAL, "000.00.15.H12", "1");
            Path env = envFile(server, Map.of("HAILONG_SECRET_KEY_FILE", key.toString(),
                    "HAILONG_BACKUP_DIR", dir.resolve("server-backups").toString()));
            backupThenRestore(server, env, secret);
            try (var kept = Files.list(dir)) {
                assertTrue(kept.anyMatch(p -> p.getFileName().toString().startsWith("sync.mv.db.before-restore-")),
                        "the database as it was before the restore is kept");
            }
        }
    }

    @Test
    void aPostgresqlServerIsBackedUpWithPgDumpAndRestored() throws Exception {
        String name = "hailong_bak_" + UUID.randomUUID().toString().substring(0, 8);
        Postgres.sql("CREATE DATABASE " + name);
        try {
            String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
            String password = System.getenv().getOrDefault("PGPASSWORD", "");
            try (SyncServerProcess server = new SyncServerProcess(dir).onDatabase(url, Postgres.superuser(), password)) {
                server.start();
                String secret = server.provision(TERMINAL, "000.00.15.H12", "1");
                Path env = envFile(server, Map.of("HAILONG_DB_USER", Postgres.superuser(), "HAILONG_DB_PASSWORD", password,
                        "HAILONG_BACKUP_DIR", dir.resolve("server-backups").toString()));
                backupThenRestore(server, env, secret);
                var backupEndpoint = server.post("/api/v1/admin/backup", "", SyncServerProcess.ADMIN_TOKEN);
                assertEquals(409, backupEndpoint.statusCode(), backupEndpoint.body());
                assertTrue(backupEndpoint.body().contains("pg_dump"), backupEndpoint.body());
            }
        } finally {
            Postgres.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
