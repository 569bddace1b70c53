package vn.hailong.sync.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.Problems;

/**
 * What a report is asked for: an inclusive period of local dates, an optional agency, an optional grouping
 * (none: one row for the whole selection), and whether the answer is CSV.
 */
public record ReportQuery(LocalDate from, LocalDate to, String agency, GroupBy groupBy, boolean csv) {

    public static ReportQuery parse(String from, String to, String agency, String groupBy, String format, String accept) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start)) {
            throw Problems.invalid("to", "is " + end + ", before from " + start + ": the period is from..to inclusive");
        }
        if (agency != null && !agency.isEmpty() && !Identifiers.isOpaque(agency)) {
            throw Problems.invalid("agency", Identifiers.opaqueRule());
        }
        GroupBy grouping = null;
        if (groupBy != null && !groupBy.isEmpty()) {
            grouping = GroupBy.parse(groupBy);
            if (grouping == null) {
                throw Problems.invalid("groupBy", "must be one of " + GroupBy.choices() + ", got '" + groupBy + "'");
            }
        }
        boolean csv;
        if (format == null || format.isEmpty()) {
            csv = accept != null && accept.contains("text/csv");
        } else if (format.equals("csv") || format.equals("json")) {
            csv = format.equals("csv");
        } else {
            throw Problems.invalid("format", "must be csv or json, got '" + format + "'");
        }
        return new ReportQuery(start, end, agency == null || agency.isEmpty() ? null : agency, grouping, csv);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw Problems.invalid(field, "is required: a local date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalid(field, "must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }
}
