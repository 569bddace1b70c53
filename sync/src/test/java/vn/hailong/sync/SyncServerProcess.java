package vn.hailong.sync;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real central server, {@code sync/target/hailong-sync.jar}, as its own process on a loopback port:
 * what a kiosk talks to in production, started, stopped and killed like one. Its database is an H2 file under
 * the data directory unless {@link #onDatabase} points it at another (PostgreSQL, or a shared H2).
 * Used by the server's own process tests and, through the test-jar, by the kiosk's.
 */
public final class SyncServerProcess implements AutoCloseable {
    public static final String ADMIN_TOKEN = "e2e-admin-token";
    /** One key for every test server: two processes on one database must share it. */
    static final String TEST_SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** The packaged server; {@code -Dhailong.test.server-jar=PATH} runs another build (a benchmark's old code, say). */
    private static final Path JAR = Path.of(System.getProperty("hailong.test.server-jar",
            Path.of("..", "sync", "target", "hailong-sync.jar").toString()));

    private final int port;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String dbUrl;
    private String dbUser = "sa";
    private String dbPassword = "";
    private Process process;
    private int starts;
    private final java.util.Map<String, String> extraEnvironment = new java.util.HashMap<>();

    public SyncServerProcess(Path dataDir) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath().normalize() + " is missing: this test runs the "
                    + "packaged server; build it first with 'mvn -B verify' from the root (or 'mvn -B -pl sync package')");
        }
        this.dataDir = dataDir;
        this.dbUrl = "jdbc:h2:file:" + dataDir.resolve("sync").toAbsolutePath() + ";WRITE_DELAY=0";
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = socket.getLocalPort();
        }
    }

    /** Uses this database instead of the H2 file under the data directory. */
    public SyncServerProcess onDatabase(String url, String user, String password) {
        this.dbUrl = url;
        this.dbUser = user;
        this.dbPassword = password;
        return this;
    }

    /** Another environment variable for the server process (an empty value unsets a default of this class). */
    public SyncServerProcess env(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    public int port() {
        return port;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // benchmarks run the server with the heap of the installed service (install/bench.sh: 1g); tests with less
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + System.getProperty("hailong.test.server-heap", "256m"),
                "-jar", JAR.toString());
        pb.environment().put("HAILONG_PORT", Integer.toString(port));
        pb.environment().put("HAILONG_HOST", "127.0.0.1");
        pb.environment().put("HAILONG_ADMIN_TOKEN", ADMIN_TOKEN);
        pb.environment().put("HAILONG_DB_URL", dbUrl);
        pb.environment().put("HAILONG_DB_USER", dbUser);
        pb.environment().put("HAILONG_DB_PASSWORD", dbPassword);
        pb.environment().put("HAILONG_SECRET_KEY", TEST_SECRET_KEY);
        pb.environment().putAll(extraEnvironment);
        pb.redirectErrorStream(true);
        Path log = dataDir.resolve("server-" + port + "-" + (++starts) + ".log");
        pb.redirectOutput(log.toFile());
        process = pb.start();
        // a first start after an upgrade migrates the database first (a million surveys: minutes); benchmarks wait longer
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("hailong.test.server-start-seconds", 60));
        while (!healthy()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the server did not answer /health on port " + port + " (log: " + log
                        + "):\n" + Files.readString(log));
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    public boolean healthy() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            return get("/health", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server the way an operator does (SIGTERM) and waits for it to end. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGKILL: the server dies wherever it is, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Provisions a terminal with the admin token and returns its secret. */
    public String provision(String terminalId, String agencyCode, String counter) throws IOException {
        HttpResponse<String> r = post("/api/v1/admin/terminals", "{\"terminalId\":\"" + terminalId + "\",\"agencyCode\":\""
                + agencyCode + "\",\"counter\":\"" + counter + "\"}", ADMIN_TOKEN);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("provisioning " + terminalId + " failed: " + r.statusCode() + " " + r.body());
        }
        return r.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
    }

    /**
     * Sends ratings as terminal {@code terminalId} would, in one signed batch: seqs {@code firstSeq} onwards,
     * one per value, rated now. Returns the server's answer.
     */
    public HttpResponse<String> sendRatings(String terminalId, String secret, long firstSeq, int... values)
            throws IOException {
        StringBuilder events = new StringBuilder();
        String at = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)).toString();
        for (int i = 0; i < values.length; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(java.util.UUID.randomUUID())
                    .append("\",\"seq\":").append(firstSeq + i).append(",\"type\":\"rating\",\"at\":\"").append(at)
                    .append("\",\"scale\":4,\"value\":").append(values[i]).append(",\"channel\":\"BUTTON\"}");
        }
        byte[] body = ("{\"batchId\":\"" + java.util.UUID.randomUUID() + "\",\"terminalId\":\"" + terminalId
                + "\",\"sentAt\":\"" + at + "\",\"events\":[" + events + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String path = "/api/v1/sync/batches";
        String timestamp = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            String bodyHash = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(body));
            String signature = java.util.HexFormat.of().formatHex(mac.doFinal(("POST\n" + path + "\n" + timestamp
                    + "\n" + bodyHash).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("X-Hailong-Terminal", terminalId)
                    .header("X-Hailong-Timestamp", timestamp).header("X-Hailong-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the server's background refresher has stored the apology findings of every settled dossier (the
     * gauge hailong_apology_findings_unjudged reads 0), as the import leaves them; returns the seconds waited.
     */
    public double awaitApologyFindings(Duration deadline) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            HttpResponse<String> metrics = get("/prometheus", null);
            if (metrics.body().lines().anyMatch(l -> l.startsWith("hailong_apology_findings_unjudged ")
                    && Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim()) == 0)) {
                return (System.nanoTime() - start) / 1e9;
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);   // the poll's interval; returns at once if the server dies
        }
        throw new IllegalStateException("apology findings not all stored within " + deadline + " (server alive: "
                + process.isAlive() + ")");
    }

    public HttpResponse<String> get(String path, String token) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String json, String token) throws IOException {
        return send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A PUT with the admin token. */
    public HttpResponse<String> put(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
