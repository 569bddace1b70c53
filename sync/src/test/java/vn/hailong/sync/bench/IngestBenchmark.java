package vn.hailong.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.sync.Api;
import vn.hailong.sync.Batches;
import vn.hailong.sync.BenchmarkReport;
import vn.hailong.sync.SyncServerProcess;

/**
 * Central ingest: 50 terminals send signed 500-event batches at once to the packaged server over loopback.
 * Reference: the same rows (event and rating) inserted with plain JDBC batches, 500 rows a transaction, into a
 * fresh database of the same kind with the same schema, from as many threads as the server has connections.
 * PostgreSQL: {@code -Dhailong.bench.pg-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench} and
 * {@code -Dhailong.bench.pg-ref-url=...hailong_bench_ref} (two empty databases; install/bench.sh makes them).
 */
class IngestBenchmark {
    private static final int TERMINALS = 50;
    private static final int BATCHES_PER_TERMINAL = 8;
    private static final int PER_BATCH = 500;
    private static final int REFERENCE_THREADS = 10;
    private static final String H2_OPTIONS = System.getProperty("hailong.bench.h2-options", "");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void ingestOnH2() throws Exception {
        String serverUrl = "jdbc:h2:file:" + dir.resolve("server").toAbsolutePath() + ";WRITE_DELAY=0" + H2_OPTIONS;
        String refUrl = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath() + ";WRITE_DELAY=0" + H2_OPTIONS;
        run("H2", serverUrl, refUrl, "sa", "", Mix.RATINGS);
    }

    @Test
    void ingestOnPostgreSql() throws Exception {
        onPostgreSql("hailong.bench.pg-url", "hailong.bench.pg-ref-url", Mix.RATINGS);
    }

    /**
     * The same, but each terminal's batches after its first re-rate the dossier of the batch before, so 7 of 8 batches
     * hold a dossier rated before (EventStore looks up those rated lately; a forgotten one costs the ratings' insert
     * made twice). Into two databases of its own ({@code -Dhailong.bench.pg-rerated-url} and
     * {@code -Dhailong.bench.pg-rerated-ref-url}), so neither run writes into tables the other filled.
     */
    @Test
    void ingestWithReRatingsOnPostgreSql() throws Exception {
        onPostgreSql("hailong.bench.pg-rerated-url", "hailong.bench.pg-rerated-ref-url", Mix.RE_RATINGS);
    }

    /**
     * The same, but one event in ten a counter survey (the mix: a million surveys beside nine million
     * ratings), each adding to its agency's survey roll-ups and to eight tallies (its counter's, officer's,
     * procedure's and terminal's month and week, read locked and written back); the reference inserts the same
     * survey rows. Into two databases of its own ({@code -Dhailong.bench.pg-surveys-url} and
     * {@code -Dhailong.bench.pg-surveys-ref-url}).
     */
    @Test
    void ingestWithSurveysOnPostgreSql() throws Exception {
        onPostgreSql("hailong.bench.pg-surveys-url", "hailong.bench.pg-surveys-ref-url", Mix.SURVEYS);
    }

    /** What the batches hold: bound ratings; a re-rating in 7 of 8 batches; or one survey in ten events. */
    private enum Mix { RATINGS, RE_RATINGS, SURVEYS }

    private void onPostgreSql(String urlProperty, String refUrlProperty, Mix mix) throws Exception {
        String url = System.getProperty(urlProperty);
        String refUrl = System.getProperty(refUrlProperty);
        if (url == null || refUrl == null) {
            throw new IllegalStateException("this PostgreSQL ingest benchmark needs -D" + urlProperty + " and -D"
                    + refUrlProperty + " (two empty databases); install/bench.sh sets them");
        }
        run("PostgreSQL", url, refUrl, System.getProperty("hailong.bench.pg-user", "postgres"),
                System.getProperty("hailong.bench.pg-password", ""), mix);
    }

    private void run(String engine, String serverUrl, String refUrl, String user, String password, Mix mix)
            throws Exception {
        List<String> terminals = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int t = 0; t < TERMINALS; t++) {
            terminals.add("T-B" + run + "-" + t);
        }
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).withNano(0).toString();
        Batches batches = new Batches(json);
        List<List<byte[]>> bodies = new ArrayList<>();
        for (String terminal : terminals) {
            List<byte[]> mine = new ArrayList<>();
            for (int b = 0; b < BATCHES_PER_TERMINAL; b++) {
                mine.add(batches.body(terminal, events(terminal, b, at, mix)));
            }
            bodies.add(mine);
        }
        long total = (long) TERMINALS * BATCHES_PER_TERMINAL * PER_BATCH;

        double ingest;
        try (SyncServerProcess server = new SyncServerProcess(dir).onDatabase(serverUrl, user, password)) {
            server.start();
            Api api = new Api(server.uri(), json);
            List<String> secrets = new ArrayList<>();
            for (String terminal : terminals) {
                HttpResponse<String> r = server.post("/api/v1/admin/terminals", "{\"terminalId\":\"" + terminal
                        + "\",\"agencyCode\":\"BENCH\",\"counter\":\"1\"}", SyncServerProcess.ADMIN_TOKEN);
                secrets.add((String) json.readValue(r.body(), Argument.mapOf(String.class, Object.class)).get("secret"));
            }
            warmUp(server, api, batches, "T-W" + run, at);
            ExecutorService pool = Executors.newFixedThreadPool(TERMINALS);
            long start = System.nanoTime();
            List<Future<Long>> sent = new ArrayList<>();
            for (int t = 0; t < TERMINALS; t++) {
                int terminal = t;
                sent.add(pool.submit(() -> {
                    long accepted = 0;
                    for (byte[] body : bodies.get(terminal)) {
                        Api.Response r = api.signed(terminals.get(terminal), secrets.get(terminal), "/api/v1/sync/batches", body);
                        if (r.status() != 200) {
                            throw new IllegalStateException(r.status() + " " + r.body());
                        }
                        accepted += r.number("accepted") + r.number("duplicates");
                    }
                    return accepted;
                }));
            }
            long accepted = 0;
            for (Future<Long> f : sent) {
                accepted += f.get(10, TimeUnit.MINUTES);
            }
            ingest = total / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();
            assertEquals(total, accepted, "every event accepted (or a duplicate)");
        }
        double reference = plainInsert(refUrl, user, password, terminals, at, mix == Mix.SURVEYS);
        BenchmarkReport.figure("central ingest, " + engine + switch (mix) {
                    case RATINGS -> "";
                    case RE_RATINGS -> ", a re-rating in 7 of 8 batches";
                    case SURVEYS -> ", one event in ten a survey";
                },
                "events/s", ingest, "plain JDBC batch insert", reference, ">= 20,000 events/s and ratio >= 0.40");
    }

    /**
     * A terminal of its own sends batches first, so the server's code paths are compiled when timing starts, as on a
     * server that has been up a while: 100 batches by default ({@code -Dhailong.bench.warm-up-batches}). After 10,
     * as before 2026-12-07, the JIT compilers still took a third of a core while timed (JFR), and ingest on
     * PostgreSQL made 18,100-20,700 events/s against 21,600-22,400 after 100.
     */
    private void warmUp(SyncServerProcess server, Api api, Batches batches, String terminal, String at) throws Exception {
        HttpResponse<String> r = server.post("/api/v1/admin/terminals", "{\"terminalId\":\"" + terminal
                + "\",\"agencyCode\":\"WARM\",\"counter\":\"1\"}", SyncServerProcess.ADMIN_TOKEN);
        String secret = (String) json.readValue(r.body(), Argument.mapOf(String.class, Object.class)).get("secret");
        for (int b = 0; b < Integer.getInteger("hailong.bench.warm-up-batches", 100); b++) {
            Api.Response sent = api.signed(terminal, secret, "/api/v1/sync/batches", batches.body(terminal,
                    events(terminal, b, at, b % 2 == 0 ? Mix.SURVEYS : Mix.RE_RATINGS)));
            if (sent.status() != 200) {
                throw new IllegalStateException("warm-up batch " + b + ": " + sent.status() + " " + sent.body());
            }
        }
    }

    /**
     * A batch of bound ratings; with {@link Mix#RE_RATINGS}, its first re-rates the last dossier of the batch before;
     * with {@link Mix#SURVEYS}, every tenth event a survey ({@link #isSurvey}).
     */
    private static List<Map<String, Object>> events(String terminal, int batch, String at, Mix mix) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= PER_BATCH; i++) {
            long seq = (long) batch * PER_BATCH + i;
            if (mix == Mix.SURVEYS && isSurvey(seq)) {
                events.add(survey(seq, at));
                continue;
            }
            Map<String, Object> e = Batches.rating(UUID.randomUUID().toString(), seq, at, 4, (int) (seq % 4) + 1);
            boolean again = mix == Mix.RE_RATINGS && batch > 0 && i == 1;
            e.put("dossierCode", terminal + "-D" + (again ? seq - 1 : seq));
            e.put("officerId", "cb" + (seq % 7));
            e.put("procedureCode", "2.0008" + (seq % 30));
            events.add(e);
        }
        return events;
    }

    private static boolean isSurvey(long seq) {
        return seq % 10 == 0;
    }

    /** A counter survey: four elements answered, two assessments, an expectation; officer and procedure named. */
    private static Map<String, Object> survey(long seq, String at) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("seq", seq);
        e.put("type", "survey");
        e.put("at", at);
        e.put("answers", Map.of("ACCESS", 1 + (int) (seq % 5), "PROCEDURE", 1 + (int) (seq / 10 % 5), "OFFICER",
                1 + (int) (seq / 100 % 5), "RESULT", 4));
        e.put("assessments", Map.of("FEES_POSTED", seq % 3 == 0, "NO_BROKER", true));
        e.put("expectations", List.of("WAITING_TIME"));
        e.put("officerId", "cb" + (seq % 7));
        e.put("procedureCode", "2.0008" + (seq % 30));
        return e;
    }

    /** The same number of event and rating (or survey) rows, inserted with plain JDBC batches. */
    private static double plainInsert(String url, String user, String password, List<String> terminals, String at,
                                      boolean surveys) throws Exception {
        Flyway.configure().dataSource(url, user, password).load().migrate();
        OffsetDateTime instant = OffsetDateTime.parse(at).withOffsetSameInstant(ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(REFERENCE_THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < REFERENCE_THREADS; w++) {
            int worker = w;
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    try (PreparedStatement event = c.prepareStatement("INSERT INTO sync_event (event_id, terminal_id, "
                            + "seq, event_type, status, reject_reason, content_hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                         PreparedStatement rating = c.prepareStatement("INSERT INTO rating (event_id, terminal_id, seq, "
                                 + "at_instant, local_date, local_month, agency_code, counter_code, officer_id, "
                                 + "procedure_code, dossier_code, scale, rating_value, rating_class, channel, reasons) "
                                 + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                         PreparedStatement survey = c.prepareStatement("INSERT INTO survey (event_id, terminal_id, seq, "
                                 + "at_instant, local_date, local_month, agency_code, counter_code, officer_id, "
                                 + "procedure_code, dossier_code, answers, assessments, expectations) "
                                 + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (int t = worker; t < terminals.size(); t += REFERENCE_THREADS) {
                            String terminal = terminals.get(t);
                            for (int b = 0; b < BATCHES_PER_TERMINAL; b++) {
                                for (int i = 1; i <= PER_BATCH; i++) {
                                    long seq = (long) b * PER_BATCH + i;
                                    String id = UUID.randomUUID().toString();
                                    event.setString(1, id);
                                    event.setString(2, terminal);
                                    event.setLong(3, seq);
                                    boolean isSurvey = surveys && isSurvey(seq);
                                    event.setString(4, isSurvey ? "survey" : "rating");
                                    event.setString(5, "STORED");
                                    event.setString(6, null);
                                    event.setString(7, "0".repeat(64));
                                    event.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
                                    event.addBatch();
                                    if (isSurvey) {
                                        survey.setString(1, id);
                                        survey.setString(2, terminal);
                                        survey.setLong(3, seq);
                                        survey.setObject(4, instant);
                                        survey.setObject(5, instant.atZoneSameInstant(ZoneOffset.ofHours(7)).toLocalDate());
                                        survey.setString(6, at.substring(0, 7));
                                        survey.setString(7, "BENCH");
                                        survey.setString(8, "1");
                                        survey.setString(9, "cb" + (seq % 7));
                                        survey.setString(10, "2.0008" + (seq % 30));
                                        survey.setString(11, null);
                                        survey.setString(12, "ACCESS=" + (1 + seq % 5) + ",PROCEDURE=" + (1 + seq / 10 % 5)
                                                + ",OFFICER=" + (1 + seq / 100 % 5) + ",RESULT=4");
                                        survey.setString(13, "FEES_POSTED=" + (seq % 3 == 0) + ",NO_BROKER=true");
                                        survey.setString(14, "WAITING_TIME");
                                        survey.addBatch();
                                        continue;
                                    }
                                    rating.setString(1, id);
                                    rating.setString(2, terminal);
                                    rating.setLong(3, seq);
                                    rating.setObject(4, instant);
                                    rating.setObject(5, instant.atZoneSameInstant(ZoneOffset.ofHours(7)).toLocalDate());
                                    rating.setString(6, at.substring(0, 7));
                                    rating.setString(7, "BENCH");
                                    rating.setString(8, "1");
                                    rating.setString(9, "cb" + (seq % 7));
                                    rating.setString(10, "2.0008" + (seq % 30));
                                    rating.setString(11, terminal + "-D" + seq);
                                    rating.setInt(12, 4);
                                    rating.setInt(13, (int) (seq % 4) + 1);
                                    rating.setString(14, "SATISFIED");
                                    rating.setString(15, "BUTTON");
                                    rating.setString(16, null);
                                    rating.addBatch();
                                }
                                event.executeBatch();
                                rating.executeBatch();
                                if (surveys) {
                                    survey.executeBatch();
                                }
                                c.commit();
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long rows = (long) terminals.size() * BATCHES_PER_TERMINAL * PER_BATCH;
        return rows / ((System.nanoTime() - start) / 1e9);
    }
}
