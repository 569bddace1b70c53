package vn.hailong.sync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.dossier.CsvRows;

/**
 * {@code POST /api/v1/reports/xlsx}: a report table as CSV in (the report's own CSV, or a dashboard table), the
 * same cells out as an Excel workbook (fastexcel): numbers as numbers, text as text (never a formula), the
 * header row bold. The dashboard's "XLSX" buttons use it, so both downloads hold the same figures.
 */
@SecurityRequirement(name = "operator")
@Tag(name = "reports")
@Controller("/api/v1/reports/xlsx")
public class XlsxController {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int MAX_CHARS = 20 * 1024 * 1024;
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,10})?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    @Post(consumes = {"text/csv"}, produces = {XLSX})
    public HttpResponse<byte[]> xlsx(@Body String csv, @Nullable @QueryValue String name) throws IOException {
        if (csv.length() > MAX_CHARS) {
            throw Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Table too large",
                    "a table to convert holds at most " + MAX_CHARS + " characters of CSV");
        }
        String file = name == null || name.isEmpty() ? "report" : name;
        if (!NAME.matcher(file).matches()) {
            throw Problems.invalid("name", "must be 1-80 of A-Z a-z 0-9 . _ -, got '" + name + "'");
        }
        List<List<String>> rows = CsvRows.parse(csv);
        if (rows.isEmpty()) {
            throw Problems.invalid("body", "the CSV holds no row: send a header row and the table's rows");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "HaiLong", "1.0");
        Worksheet sheet = workbook.newWorksheet(file.length() > 31 ? file.substring(0, 31) : file);
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (r > 0 && NUMBER.matcher(cell).matches()) {
                    sheet.value(r, c, new BigDecimal(cell));
                } else if (!cell.isEmpty()) {
                    sheet.value(r, c, cell);
                }
                if (r == 0) {
                    sheet.style(r, c).bold().set();
                }
            }
        }
        workbook.finish();
        return HttpResponse.ok(out.toByteArray()).contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".xlsx\"");
    }
}
