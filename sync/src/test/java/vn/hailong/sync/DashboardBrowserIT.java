package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator dashboard end to end, in Debian's headless Chromium against the packaged server with data: log
 * in (a wrong token first), pick a period and agency, see the figures the API gives, open every page, export a
 * table as CSV, switch to English. A screenshot of each page is kept in target/dashboard-screenshots/.
 */
class DashboardBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path dir;

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private WebDriver chromium(Path downloads) {
        for (String tool : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            check(Files.isExecutable(Path.of(tool)), tool + " is missing: install Debian's chromium and chromium-driver "
                    + "(bash install/test.sh does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1400,1100", "--lang=vi");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits (at most 20 s) until the page has drawn {@code page} from the API. */
    private static void ready(WebDriver browser, String page) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> {
            WebElement main = b.findElement(By.id("page"));
            String state = main.getAttribute("data-state");
            if ("error".equals(state)) {
                throw new AssertionError("the page shows an error: " + main.getText());
            }
            return "ready".equals(state) && page.equals(main.getAttribute("data-page"));
        });
    }

    private static void open(WebDriver browser, String page) {
        browser.findElement(By.cssSelector("#nav a[data-page='" + page + "']")).click();
        ready(browser, page);
    }

    @Test
    void anOperatorLogsInPicksAPeriodSeesTheApiFiguresAndExportsATable() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        try (SyncServerProcess server = new SyncServerProcess(dir)) {
            server.start();
            assertEquals(200, server.put("/api/v1/admin/agencies", "[{\"code\":\"P-DASH\",\"name\":\"Tỉnh\"},"
                    + "{\"code\":\"A-DASH-1\",\"name\":\"Sở Tư pháp\",\"parentCode\":\"P-DASH\"},"
                    + "{\"code\":\"A-DASH-2\",\"name\":\"UBND huyện\",\"parentCode\":\"P-DASH\"}]").statusCode());
            String first = server.provision("T-DASH-1", "A-DASH-1", "1");
            String second = server.provision("T-DASH-2", "A-DASH-2", "2");
            assertEquals(200, server.sendRatings("T-DASH-1", first, 1, 4, 4, 3, 1, 4).statusCode());
            assertEquals(200, server.sendRatings("T-DASH-2", second, 1, 1, 2, 4).statusCode());
            assertEquals(200, server.post("/api/v1/admin/dossiers", "[{\"code\":\"DASH-LATE-1\",\"agencyCode\":\"A-DASH-1\","
                    + "\"procedureCode\":\"1.001\",\"officerId\":\"cb07\",\"receivedAt\":\"" + today.minusDays(5)
                    + "T08:00:00+07:00\",\"dueAt\":\"" + today.minusDays(2) + "T17:00:00+07:00\",\"returnedAt\":\""
                    + today + "T09:00:00+07:00\"}]", SyncServerProcess.ADMIN_TOKEN).statusCode());
            String viewer = (String) JSON.readValue(server.post("/api/v1/admin/operators",
                    "{\"name\":\"so-noi-vu\",\"role\":\"VIEWER\"}", SyncServerProcess.ADMIN_TOKEN).body(),
                    Argument.mapOf(String.class, Object.class)).get("token");
            String period = "from=" + today.minusDays(6) + "&to=" + today + "&agency=P-DASH";
            Map<String, Object> api = JSON.readValue(server.get("/api/v1/reports/satisfaction?" + period, viewer).body(),
                    Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            Object rate = ((Map<String, Object>) api.get("total")).get("satisfactionRate");
            String expected = new java.math.BigDecimal(rate.toString()).setScale(2).toPlainString() + "%";

            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            WebDriver browser = chromium(downloads);
            try {
                browser.get(server.uri() + "/dashboard");
                WebElement token = browser.findElement(By.id("token"));
                assertTrue(browser.findElement(By.id("login")).isDisplayed(), "the login form comes first");
                token.sendKeys("not-a-token");
                browser.findElement(By.id("login-button")).click();
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElement(By.id("login-error")).getText().isEmpty());
                assertEquals("Mã truy cập không đúng.", browser.findElement(By.id("login-error")).getText());
                screenshot(browser, "0-login");

                browser.findElement(By.id("token")).sendKeys(viewer);
                browser.findElement(By.id("login-button")).click();
                ready(browser, "overview");
                for (String[] field : new String[][] {{"from", today.minusDays(6).toString()}, {"to", today.toString()}}) {
                    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                            "document.getElementById(arguments[0]).value = arguments[1]", field[0], field[1]);
                }
                WebElement agency = browser.findElement(By.id("agency"));
                agency.clear();
                agency.sendKeys("P-DASH");
                browser.findElement(By.id("apply")).click();
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.findElement(By.id("page")).getText()
                        .contains("P-DASH") && "ready".equals(b.findElement(By.id("page")).getAttribute("data-state")));
                assertEquals(expected, browser.findElement(By.id("satisfactionRate-value")).getText(),
                        "the tile shows the API's satisfaction rate");
                assertTrue(browser.findElement(By.id("tile-satisfactionRate")).getText().contains("trên 8 đánh giá"),
                        browser.findElement(By.id("tile-satisfactionRate")).getText());
                assertTrue(browser.findElements(By.cssSelector("#tile-satisfactionRate svg polyline")).size() == 1,
                        "a trend chart");
                assertEquals(12, browser.findElements(By.cssSelector("#tile-satisfactionRate svg text.month")).size(),
                        "every month of the trend is named");
                assertEquals(List.of("0%", "50%", "100%"), browser.findElements(By.cssSelector("#tile-satisfactionRate svg text.axis"))
                        .stream().map(e -> e.getAttribute("textContent")).toList());
                screenshot(browser, "1-overview");

                open(browser, "rankings");
                String rankings = browser.findElement(By.id("rank-satisfaction-top")).getText();
                assertTrue(rankings.indexOf("A-DASH-1") < rankings.indexOf("A-DASH-2") && rankings.contains("mẫu nhỏ"),
                        "A-DASH-1 (80 %) above A-DASH-2 (33.33 %), both small samples: " + rankings);
                screenshot(browser, "2-rankings");

                open(browser, "weak");
                assertTrue(browser.findElement(By.id("weak-counters")).getText().contains("A-DASH-2"));
                screenshot(browser, "3-weak");

                open(browser, "late");
                WebElement late = browser.findElement(By.id("late-dossiers"));
                assertTrue(late.getText().contains("DASH-LATE-1") && late.getText().contains("MISSING_APOLOGY")
                        && late.getText().contains("cb07") && late.getText().contains("17:00"),
                        "due at 17:00 Vietnam time, shown so: " + late.getText());
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("flag-filter")))
                        .selectByValue("COMPLIANT");
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(
                        By.id("late-dossiers-empty")).isEmpty());   // filtered out: no compliant late dossier
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("flag-filter")))
                        .selectByValue("MISSING_APOLOGY");
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(
                        By.cssSelector("a[data-code='DASH-LATE-1']")).isEmpty());
                browser.findElement(By.cssSelector("a[data-code='DASH-LATE-1']")).click();
                // the details come from GET /api/v1/reports/dossiers/{code}: timeliness, the apology check, the rating
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(By.id("counted-rating")).isEmpty());
                String details = browser.findElement(By.id("dossier-details")).getText();
                assertTrue(details.contains("A-DASH-1") && details.contains("Trả trễ hạn") && details.contains("MISSING_APOLOGY")
                        && details.contains("1.001"), details);
                assertEquals("Chưa có đánh giá.", browser.findElement(By.id("counted-rating")).getText());
                screenshot(browser, "4-late");

                open(browser, "terminals");
                String terminals = browser.findElement(By.id("terminals-table")).getText();
                assertTrue(terminals.contains("T-DASH-1") && terminals.contains("T-DASH-2"), terminals);
                screenshot(browser, "5-terminals");
                browser.findElement(By.id("terminals-table-csv")).click();
                Path csv = downloads.resolve("terminals-table-" + today.minusDays(6) + "-" + today + ".csv");
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Files.isRegularFile(csv));
                String exported = Files.readString(csv, StandardCharsets.UTF_8);
                assertTrue(exported.startsWith("\ufeffThiết bị,") && exported.contains("T-DASH-1,A-DASH-1,1,"), exported);
                browser.findElement(By.id("terminals-table-xlsx")).click();
                Path xlsx = downloads.resolve("terminals-table-" + today.minusDays(6) + "-" + today + ".xlsx");
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Files.isRegularFile(xlsx));
                try (java.util.zip.ZipFile book = new java.util.zip.ZipFile(xlsx.toFile())) {
                    String cells = XlsxExportTest.text(new String(book.getInputStream(book.getEntry(
                            "xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8));
                    assertTrue(cells.contains("T-DASH-1") && cells.contains("Thiết bị"), cells);
                }

                browser.findElement(By.id("lang")).click();
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> "Overview".equals(
                        b.findElement(By.cssSelector("#nav a[data-page='overview']")).getText()));
                open(browser, "overview");
                assertTrue(browser.findElement(By.id("tile-satisfactionRate")).getText().contains("Satisfaction rate"));
                screenshot(browser, "6-overview-en");
            } finally {
                browser.quit();
            }
        }
    }
}
