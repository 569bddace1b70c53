import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Used by demo.sh (run as `java install/DemoSetup.java URL ADMIN_TOKEN TERMINAL_ID AGENCY COUNTER`): waits until
 * the central server answers /health, provisions the demo terminal, and prints its secret. Plain JDK, so a
 * fresh machine needs nothing beyond Java.
 */
public class DemoSetup {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                System.err.println("the central server did not become healthy at " + base + " within 90 s");
                System.exit(1);
            }
            Thread.sleep(250);
        }
        String body = "{\"terminalId\":\"" + args[2] + "\",\"agencyCode\":\"" + args[3] + "\",\"counter\":\"" + args[4] + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/terminals"))
                .header("Authorization", "Bearer " + args[1]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            System.err.println("provisioning the demo terminal failed: HTTP " + r.statusCode() + " " + r.body());
            System.exit(1);
        }
        System.out.println(m.group(1));
    }
}
