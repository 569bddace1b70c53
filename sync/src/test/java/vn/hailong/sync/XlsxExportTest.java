package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** A table as CSV in, the same cells as an XLSX workbook out; bad input and no token refused. */
@MicronautTest(environments = "synctest", transactional = false)
class XlsxExportTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private HttpResponse<byte[]> post(String query, String csv, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURI() + "/api/v1/reports/xlsx" + query))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The text of an XLSX part with its character references decoded (fastexcel writes non-ASCII as &#x..;). */
    static String text(String xml) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
        }
        m.appendTail(out);
        return out.toString().replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String entry(byte[] xlsx, String name) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, xlsx).toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new AssertionError("no " + name + " in the workbook");
            }
            return new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void aTableBecomesAWorkbookWithNumbersAsNumbersAndFormulasAsText() throws Exception {
        String viewer = (String) new Api(server.getURI(), json).admin("POST", "/api/v1/admin/operators",
                "{\"name\":\"xlsx-viewer\",\"role\":\"VIEWER\"}").json().get("token");
        HttpResponse<byte[]> r = post("?name=rank-satisfaction", "\uFEFFHạng,Mã,Tỷ lệ hài lòng\r\n1,A-1,80.00\r\n"
                + "2,\"'=CMD()\",33.33\r\n", viewer);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("rank-satisfaction.xlsx"));
        String strings = text(entry(r.body(), "xl/sharedStrings.xml"));
        assertTrue(strings.contains("Tỷ lệ hài lòng") && strings.contains("'=CMD()") && strings.contains("A-1"), strings);
        String sheet = entry(r.body(), "xl/worksheets/sheet1.xml");
        assertTrue(sheet.contains("<v>80.00</v>") || sheet.contains("<v>80.0</v>") || sheet.contains("<v>80</v>"), sheet);
        assertTrue(!sheet.contains("<f>"), "no formula in the workbook");
    }

    @Test
    void badInputAndMissingTokensAreRefused() throws Exception {
        assertEquals(401, post("", "a,b\r\n1,2\r\n", null).statusCode());
        assertEquals(400, post("?name=../../etc/passwd", "a,b\r\n", Api.ADMIN).statusCode());
        assertEquals(400, post("", "", Api.ADMIN).statusCode());
        HttpResponse<byte[]> empty = post("", "\uFEFF\r\n", Api.ADMIN);
        assertEquals(400, empty.statusCode());
        assertTrue(new String(empty.body(), StandardCharsets.UTF_8).contains("holds no row"));
    }
}
