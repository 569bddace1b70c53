package vn.hailong.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.sync.BenchmarkReport;
import vn.hailong.sync.SyncServerProcess;

/**
 * Apology compliance (phiếu xin lỗi) at the scale: 1,000,000 dossiers over two years in the province of
 * {@link ProvinceFixture} (8 % late, chains through two agencies), with 2025's public holidays in the working-day
 * calendar, then the packaged server answers {@code GET /api/v1/reports/apology} for the year 2025 (about 500,000
 * dossiers due, 40,000 of them late), for the whole province and grouped by agency, three times each; the slowest
 * answer is the figure. The late count is checked against a plain COUNT over the dossiers.
 * Size: -Dhailong.bench.apology-dossiers (default 1,000,000). The PostgreSQL run needs
 * -Dhailong.bench.pg-apology-url (an empty database; install/bench.sh makes it).
 */
class ApologyAtScaleBenchmark {
    private static final int DOSSIERS = Integer.getInteger("hailong.bench.apology-dossiers", 1_000_000);
    private static final List<String> HOLIDAYS_2025 = List.of("2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29",
            "2025-01-30", "2025-01-31", "2025-04-07", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void apologyOnH2() throws Exception {
        run("H2", "jdbc:h2:file:" + dir.resolve("apology").toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
    }

    @Test
    void apologyOnPostgreSql() throws Exception {
        String url = System.getProperty("hailong.bench.pg-apology-url");
        if (url == null) {
            throw new IllegalStateException("needs -Dhailong.bench.pg-apology-url (an empty database); install/bench.sh sets it");
        }
        run("PostgreSQL", url, System.getProperty("hailong.bench.pg-user", "postgres"),
                System.getProperty("hailong.bench.pg-password", ""));
    }

    private void run(String engine, String url, String user, String password) throws Exception {
        Flyway.configure().dataSource(url, user, password).load().migrate();
        long start = System.nanoTime();
        String loadUrl = url.startsWith("jdbc:postgresql:") ? url + (url.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true" : url;
        long late;
        try (Connection c = DriverManager.getConnection(loadUrl, user, password)) {
            c.setAutoCommit(false);
            ProvinceFixture.agencies(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO calendar_day (calendar_date, kind) VALUES (?, 'HOLIDAY')")) {
                for (String day : HOLIDAYS_2025) {
                    ps.setObject(1, LocalDate.parse(day));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            ProvinceFixture.dossiersWithoutIndexes(c, new Random(11), DOSSIERS);
            ProvinceFixture.settle(c);
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dossier WHERE due_date BETWEEN DATE '2025-01-01' "
                        + "AND DATE '2025-12-31' AND returned_at > due_at")) {
                    rs.next();
                    late = rs.getLong(1);
                }
            }
            c.commit();
        }
        BenchmarkReport.line(String.format("apology at scale, %s: %,d dossiers loaded in %.0f s, %,d late in 2025",
                engine, DOSSIERS, (System.nanoTime() - start) / 1e9, late));
        try (SyncServerProcess server = new SyncServerProcess(dir).onDatabase(url, user, password)) {
            server.start();
            // the dossiers were written by JDBC: the server stores their apology findings, as an import would have
            BenchmarkReport.line(String.format("apology findings of the loaded dossiers stored by the server in %.1f s",
                    server.awaitApologyFindings(java.time.Duration.ofMinutes(15))));
            String asOf = "&asOf=2026-06-01T00:00:00%2B07:00";
            server.get("/api/v1/reports/apology?from=2025-03-01&to=2025-03-31" + asOf, SyncServerProcess.ADMIN_TOKEN);
            for (String groupBy : new String[] {"", "&groupBy=agency"}) {
                long slowest = 0;
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> year = server.get("/api/v1/reports/apology?from=2025-01-01&to=2025-12-31" + asOf
                            + groupBy, SyncServerProcess.ADMIN_TOKEN);
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    assertEquals(200, year.statusCode(), year.body());
                    Map<String, Object> body = json.readValue(year.body(), Argument.mapOf(String.class, Object.class));
                    assertEquals(late, ((Number) ((Map<?, ?>) body.get("total")).get("late")).longValue(),
                            "the report's late dossiers are the plain count's");
                }
                BenchmarkReport.figure("apology, year of " + DOSSIERS / 2 / 1000 + "k dossiers" + (groupBy.isEmpty() ? ""
                        : " by agency") + ", " + engine, "s", slowest / 1e9, "<= 10 s (1 million dossiers)");
            }
        }
    }
}
