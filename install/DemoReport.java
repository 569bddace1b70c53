import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Used by demo.sh: prints an operator report (`java install/DemoReport.java URL ADMIN_TOKEN`). */
public class DemoReport {
    public static void main(String[] args) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[0]))
                .header("Authorization", "Bearer " + args[1]).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(r.body());
    }
}
