package vn.hailong.sync.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The operator dashboard (bảng điều khiển) lives in the jar's {@code dashboard/} resources, served at
 * {@code /dashboard/}: pages over the report API, logged in with an operator token (VIEWER or ADMIN). This sends
 * the bare address to its page.
 */
@Hidden
@Controller
public class DashboardController {
    @Get("/dashboard")
    public HttpResponse<?> dashboard() {
        return HttpResponse.seeOther(URI.create("/dashboard/index.html"));
    }
}
