package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import vn.hailong.sync.rollup.Place;

/**
 * Which roll-up rows a report reads for a query, and how a row's key becomes the report's key: the months
 * wholly inside the period from the monthly rows, the days before and after them from the daily rows (grouped
 * by day, every day from the daily rows), in the dimension of the grouping, for the agency subtree.
 */
final class RollupSelection {
    /** Rows of one kind ('D' daily, 'W' weekly, 'M' monthly) whose period starts between two dates. */
    record Span(String kind, LocalDate first, LocalDate last) {
    }

    private final GroupBy groupBy;
    final Place.Dimension dimension;
    /** The key columns to select and group by, or null for the whole selection. */
    final String keyColumns;
    /** The same key in the rating table, read for daily spans in dimensions kept monthly only. */
    final String ratingKeyColumns;
    final List<Span> spans;
    /** The agency subtree's codes, or null for every agency. */
    private final List<String> agencyCodes;

    /**
     * Which rows a roll-up keeps: days in ALL only, and no weeks (the survey roll-ups per agency); as the satisfaction
     * roll-up does (RATINGS); days in ALL only, and weeks cut at month ends in the other dimensions (DOSSIERS: V17);
     * or months and Monday weeks in the other dimensions, no days (the survey tallies, V20).
     */
    enum Kept { AGENCY_DAYS, RATINGS, DOSSIERS, SURVEY_TALLIES }

    private final Kept kept;

    RollupSelection(ReportQuery query, AgencySubtree subtree) {
        this(query, subtree, Kept.AGENCY_DAYS);
    }

    /**
     * @param kept {@link Kept#RATINGS}: the roll-up keeps weekly rows ('W', from Monday) in the dimensions other than
     *             ALL, whose whole weeks in a partial month are read from them, and daily rows in the
     *             {@link Place.Dimension#daily} ones
     */
    RollupSelection(ReportQuery query, AgencySubtree subtree, Kept kept) {
        this.kept = kept;
        this.groupBy = query.groupBy();
        this.dimension = groupBy == null ? Place.Dimension.ALL : switch (groupBy) {
            case COUNTER -> Place.Dimension.COUNTER;
            case OFFICER -> Place.Dimension.OFFICER;
            case PROCEDURE -> Place.Dimension.PROCEDURE;
            case TERMINAL -> Place.Dimension.TERMINAL;
            default -> Place.Dimension.ALL;
        };
        this.keyColumns = groupBy == null ? null : switch (groupBy) {
            case AGENCY -> "agency_code";
            case COUNTER -> "agency_code, dim_key";
            case DAY, MONTH -> "period_start";
            default -> "dim_key";
        };
        this.ratingKeyColumns = groupBy == null ? null : groupBy.columns;
        List<Span> spans = spans(query.from(), query.to(), groupBy == GroupBy.DAY);
        this.spans = dimension == Place.Dimension.ALL ? spans : switch (kept) {
            case RATINGS, SURVEY_TALLIES -> withWeeks(spans);
            case DOSSIERS -> withCutWeeks(spans);
            case AGENCY_DAYS -> spans;
        };
        this.agencyCodes = query.agency() == null ? null : subtree.codes(query.agency());   // read once for every span
    }

    static List<Span> spans(LocalDate from, LocalDate to, boolean byDay) {
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate lastMonthEnd = to.plusDays(1).getDayOfMonth() == 1 ? to : to.withDayOfMonth(1).minusDays(1);
        if (byDay || firstMonth.isAfter(lastMonthEnd)) {
            return List.of(new Span("D", from, to));
        }
        List<Span> spans = new ArrayList<>();
        if (from.isBefore(firstMonth)) {
            spans.add(new Span("D", from, firstMonth.minusDays(1)));
        }
        spans.add(new Span("M", firstMonth, lastMonthEnd.withDayOfMonth(1)));
        if (to.isAfter(lastMonthEnd)) {
            spans.add(new Span("D", lastMonthEnd.plusDays(1), to));
        }
        return spans;
    }

    /** The daily spans split into the whole weeks inside them ('W', from Monday) and the days before and after those. */
    static List<Span> withWeeks(List<Span> spans) {
        return withWeeks(spans, Place::weekOf, start -> start.plusDays(6));
    }

    /**
     * The daily spans split into the weeks cut at month ends wholly inside them ('W', {@link Place#cutWeekOf}) and
     * the days before and after those (fewer than seven at each end).
     */
    static List<Span> withCutWeeks(List<Span> spans) {
        return withWeeks(spans, Place::cutWeekOf, Place::cutWeekEnd);
    }

    /**
     * The daily spans split into the weeks wholly inside them and the days around those, for weeks that tile the
     * calendar: {@code weekOf} gives a day's week's first day, {@code weekEnd} the last day of the week starting then.
     */
    private static List<Span> withWeeks(List<Span> spans, UnaryOperator<LocalDate> weekOf, UnaryOperator<LocalDate> weekEnd) {
        List<Span> split = new ArrayList<>();
        for (Span span : spans) {
            if (!span.kind().equals("D")) {
                split.add(span);
                continue;
            }
            LocalDate first = span.first().equals(weekOf.apply(span.first())) ? span.first()
                    : weekEnd.apply(weekOf.apply(span.first())).plusDays(1);
            LocalDate last = null;
            for (LocalDate s = first; !weekEnd.apply(s).isAfter(span.last()); s = weekEnd.apply(s).plusDays(1)) {
                last = s;
            }
            if (last == null) {
                split.add(span);
                continue;
            }
            if (span.first().isBefore(first)) {
                split.add(new Span("D", span.first(), first.minusDays(1)));
            }
            split.add(new Span("W", first, last));
            if (span.last().isAfter(weekEnd.apply(last))) {
                split.add(new Span("D", weekEnd.apply(last).plusDays(1), span.last()));
            }
        }
        return split;
    }

    /** Whether a span is read from the source rows (ratings, dossiers): days, in a dimension kept without days. */
    boolean fromRows(Span span) {
        boolean daysKept = dimension == Place.Dimension.ALL || (kept == Kept.RATINGS && dimension.daily);
        return span.kind().equals("D") && !daysKept;
    }

    /**
     * Whether the selection's agencies hold every agency with a row in the period's months, as {@code monthlyAgencies}
     * lists them (a SELECT of agency codes whose two parameters are the first and the last month's first day): then
     * a roll-up kept for the whole tree answers for the selection. True when the selection is every agency.
     */
    boolean holdsEveryAgencyOf(JdbcOperations jdbc, String monthlyAgencies, LocalDate from, LocalDate to) {
        if (agencyCodes == null) {
            return true;
        }
        java.util.Set<String> mine = new java.util.HashSet<>(agencyCodes);
        return jdbc.prepareStatement(monthlyAgencies, ps -> {
            ps.setObject(1, from.withDayOfMonth(1));
            ps.setObject(2, to.withDayOfMonth(1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!mine.contains(rs.getString(1))) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** {@code AND column IN (...)} for the agency subtree, or nothing for every agency. */
    String agencies(String column) {
        return agencyCodes == null ? "" : AgencySubtree.condition(agencyCodes, column);
    }

    /** The WHERE clause of one span of roll-up rows; {@link #bind} sets its four parameters. */
    String where() {
        return "dimension = ? AND " + periodWhere();
    }

    /** The same for a roll-up kept for whole agencies only (no dimension column); {@link #bindPeriod} sets it. */
    String periodWhere() {
        return "period_kind = ? AND period_start BETWEEN ? AND ?" + agencies("agency_code");
    }

    /** The WHERE clause of one span read from the ratings; {@link #bindRatings} sets its two parameters. */
    String ratingsWhere() {
        return "local_date BETWEEN ? AND ?" + agencies("agency_code");
    }

    void bind(PreparedStatement ps, Span span) throws SQLException {
        ps.setString(1, dimension.name());
        bindPeriod(ps, span, 2);
    }

    /** Sets the three parameters of {@link #periodWhere} from {@code first} on. */
    void bindPeriod(PreparedStatement ps, Span span, int first) throws SQLException {
        ps.setString(first, span.kind());
        ps.setObject(first + 1, span.first());
        ps.setObject(first + 2, span.last());
    }

    void bindRatings(PreparedStatement ps, Span span) throws SQLException {
        ps.setObject(1, span.first());
        ps.setObject(2, span.last());
    }

    /** How many leading columns of a row are its key. */
    int width() {
        return keyColumns == null ? 0 : keyColumns.split(",").length;
    }

    SatisfactionReport.Key key(ResultSet rs) throws SQLException {
        if (groupBy == null) {
            return new SatisfactionReport.Key(null, null);
        }
        return switch (groupBy) {
            case AGENCY -> new SatisfactionReport.Key(rs.getString(1), null);
            case COUNTER -> new SatisfactionReport.Key(emptyIsNone(rs.getString(2)), rs.getString(1));
            case DAY -> new SatisfactionReport.Key(rs.getObject(1, LocalDate.class).toString(), null);
            case MONTH -> new SatisfactionReport.Key(YearMonth.from(rs.getObject(1, LocalDate.class)).toString(), null);
            default -> new SatisfactionReport.Key(emptyIsNone(rs.getString(1)), null);
        };
    }

    /** The roll-ups keep "no officer" (procedure, counter) as ''; reports show it as null. */
    private static String emptyIsNone(String key) {
        return key == null || key.isEmpty() ? null : key;
    }
}
