package vn.hailong.sync.rollup;

import java.time.LocalDate;
import java.util.List;

/**
 * Where an event falls in the roll-ups: its local day (and so its month), its agency and the keys of the other
 * dimensions ('' where the event has none).
 */
public record Place(LocalDate localDate, String agencyCode, String counter, String officerId, String procedureCode,
                    String terminalId) {

    /** The roll-ups' groupings; ALL serves the whole selection and the agency, day and month groupings. */
    public enum Dimension { ALL, COUNTER, OFFICER, PROCEDURE, TERMINAL }

    /** One roll-up row's key. */
    record Row(String dimension, String kind, LocalDate start, String agency, String key) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = dimension.compareTo(o.dimension);
            c = c != 0 ? c : kind.compareTo(o.kind);
            c = c != 0 ? c : start.compareTo(o.start);
            c = c != 0 ? c : agency.compareTo(o.agency);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    String key(Dimension dimension) {
        String key = switch (dimension) {
            case ALL -> "";
            case COUNTER -> counter;
            case OFFICER -> officerId;
            case PROCEDURE -> procedureCode;
            case TERMINAL -> terminalId;
        };
        return key == null ? "" : key;
    }

    /**
     * The rows an event adds to: its day's in ALL, its month's in every dimension, and its week's (Monday to
     * Sunday, 'W', period_start the Monday) in the others. Daily rows per officer, procedure, counter or terminal
     * would hold about one event each (a counter sees a few dozen ratings a day): more rows than ratings (1.8
     * million rows for 300,000 ratings in ReportsAtScaleBenchmark). A week's row holds a few dozen; a report reads
     * the ratings themselves only for the days of a partial month outside its whole weeks (at most six at each end).
     */
    List<Row> rows() {
        LocalDate month = localDate.withDayOfMonth(1);
        LocalDate week = weekOf(localDate);
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
        rows.add(new Row(Dimension.ALL.name(), "D", localDate, agencyCode, ""));
        for (Dimension d : Dimension.values()) {
            rows.add(new Row(d.name(), "M", month, agencyCode, key(d)));
            if (d != Dimension.ALL) {
                rows.add(new Row(d.name(), "W", week, agencyCode, key(d)));
            }
        }
        return rows;
    }

    /** The Monday that starts a day's week: a weekly roll-up row's period_start. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    }
}
