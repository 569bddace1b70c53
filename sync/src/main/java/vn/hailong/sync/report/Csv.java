package vn.hailong.sync.report;

import java.util.List;

/**
 * CSV as spreadsheet users need it: UTF-8 with a byte-order mark (so Excel shows Vietnamese right),
 * RFC 4180 quoting, and cells that would start a formula prefixed with an apostrophe.
 */
public final class Csv {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final char BOM = '\uFEFF';

    private Csv() {
    }

    public static String render(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder().append(BOM);
        line(out, header.stream().map(h -> (Object) h).toList());
        for (List<Object> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
