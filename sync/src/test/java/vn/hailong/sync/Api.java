package vn.hailong.sync;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import vn.hailong.sync.ingest.RequestSignature;

/** Talks to the server under test over real HTTP on loopback, as terminals and operators do. */
public final class Api {
    public static final String ADMIN = "test-admin-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final JsonMapper json;

    public Api(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    public record Response(int status, String contentType, String body, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) json.get(field);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map(String field) {
            return (Map<String, Object>) json.get(field);
        }

        public long number(String field) {
            return ((Number) json.get(field)).longValue();
        }
    }

    public Response send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            Map<String, Object> parsed = null;
            if (type.contains("json") && !r.body().isEmpty()) {
                parsed = json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
            }
            return new Response(r.statusCode(), type, r.body(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response admin(String method, String path, String body) {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + ADMIN, "Content-Type", "application/json");
    }

    /** Puts an agency with two child agencies into the tree (codes made unique by the caller). */
    public void agencyTree(String parent, List<String> children) {
        Response r = admin("PUT", "/api/v1/admin/agencies", "[{\"code\":\"" + parent + "\",\"name\":\"P\"},"
                + "{\"code\":\"" + children.get(0) + "\",\"name\":\"C1\",\"parentCode\":\"" + parent + "\"},"
                + "{\"code\":\"" + children.get(1) + "\",\"name\":\"C2\",\"parentCode\":\"" + parent + "\"}]");
        if (r.status() != 200) {
            throw new IllegalStateException("agency tree not stored: " + r.body());
        }
    }

    /** Provisions a terminal and returns its secret. */
    public String provision(String terminalId, String agency, String counter) {
        Response r = admin("POST", "/api/v1/admin/terminals",
                "{\"terminalId\":\"" + terminalId + "\",\"agencyCode\":\"" + agency + "\",\"counter\":\"" + counter + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("provisioning failed: " + r.body());
        }
        return (String) r.json().get("secret");
    }

    /** A correctly signed terminal request. */
    public Response signed(String terminalId, String secret, String path, byte[] body) {
        String ts = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return signedAt(terminalId, secret, path, body, ts);
    }

    public Response signedAt(String terminalId, String secret, String path, byte[] body, String timestamp) {
        String sig = RequestSignature.sign(secret, "POST", path, timestamp, body);
        return send("POST", path, body, "Content-Type", "application/json", "X-Hailong-Terminal", terminalId,
                "X-Hailong-Timestamp", timestamp, "X-Hailong-Signature", sig);
    }

    /** A correctly signed terminal GET: the signature covers the empty body. */
    public Response signedGet(String terminalId, String secret, String path) {
        String ts = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String sig = RequestSignature.sign(secret, "GET", path, ts, new byte[0]);
        return send("GET", path, null, "X-Hailong-Terminal", terminalId, "X-Hailong-Timestamp", ts,
                "X-Hailong-Signature", sig);
    }

    public Response report(String query) {
        return send("GET", "/api/v1/reports/satisfaction?" + query, null, "Authorization", "Bearer " + ADMIN);
    }
}
