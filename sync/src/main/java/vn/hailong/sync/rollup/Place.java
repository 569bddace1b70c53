package vn.hailong.sync.rollup;

import java.time.LocalDate;
import java.util.List;

/**
 * Where an event falls in the roll-ups: its local day (and so its month), its agency and the keys of the other
 * dimensions ('' where the event has none).
 */
public record Place(LocalDate localDate, String agencyCode, String counter, String officerId, String procedureCode,
                    String terminalId) {

    /**
     * The roll-ups' groupings; ALL serves the whole selection and the agency, day and month groupings. A dimension
     * is {@code daily} when the satisfaction roll-ups keep a row a day for it: not PROCEDURE, whose rows a day (one
     * per agency, procedure and day) would be about as many as the ratings.
     */
    public enum Dimension {
        ALL(true), COUNTER(true), OFFICER(true), PROCEDURE(false), TERMINAL(true);

        public final boolean daily;

        Dimension(boolean daily) {
            this.daily = daily;
        }
    }

    /**
     * The dimension of the satisfaction roll-up rows per procedure for the whole tree (agency ''): a report by
     * procedure for every agency read the rows of 500 agencies, one or two ratings each (216,000 rows for ten months
     * at 10 million ratings); these are a row per procedure and period. Not a {@link Dimension}: no grouping reads
     * them but by procedure, and only when its agencies hold every agency rated in those months.
     */
    public static final String PROCEDURE_TREE = "PROC_TREE";
    /** The agency of a roll-up row kept for the whole tree. */
    public static final String WHOLE_TREE = "";

    /** One roll-up row's key. */
    public record Row(String dimension, String kind, LocalDate start, String agency, String key) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = dimension.compareTo(o.dimension);
            c = c != 0 ? c : kind.compareTo(o.kind);
            c = c != 0 ? c : start.compareTo(o.start);
            c = c != 0 ? c : agency.compareTo(o.agency);
            return c != 0 ? c : key.compareTo(o.key);
        }

        /** Sets this key's five columns, in their order, from parameter {@code first} on. */
        public void bind(java.sql.PreparedStatement ps, int first) throws java.sql.SQLException {
            ps.setString(first, dimension);
            ps.setString(first + 1, kind);
            ps.setDate(first + 2, java.sql.Date.valueOf(start));
            ps.setString(first + 3, agency);
            ps.setString(first + 4, key);
        }

        /** The last day the row covers: its day, its week's Sunday or its month's last day. */
        public LocalDate end() {
            return switch (kind) {
                case "D" -> start;
                case "W" -> start.plusDays(6);
                default -> start.withDayOfMonth(start.lengthOfMonth());
            };
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
     * The rows an event adds to: its month's and its week's (Monday to Sunday, 'W', period_start the Monday) in
     * every dimension but ALL, which needs no weeks, and its day's in the daily ones; per procedure also the whole
     * tree's month and week ({@link #PROCEDURE_TREE}). A report reads the ratings
     * themselves only for the days of a partial month outside its whole weeks (at most six at each end), and only
     * when grouped by procedure.
     */
    List<Row> rows() {
        LocalDate month = localDate.withDayOfMonth(1);
        LocalDate week = weekOf(localDate);
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
        for (Dimension d : Dimension.values()) {
            String key = key(d);
            rows.add(new Row(d.name(), "M", month, agencyCode, key));
            if (d != Dimension.ALL) {
                rows.add(new Row(d.name(), "W", week, agencyCode, key));
            }
            if (d.daily) {
                rows.add(new Row(d.name(), "D", localDate, agencyCode, key));
            }
            if (d == Dimension.PROCEDURE) {
                rows.add(new Row(PROCEDURE_TREE, "M", month, WHOLE_TREE, key));
                rows.add(new Row(PROCEDURE_TREE, "W", week, WHOLE_TREE, key));
            }
        }
        return rows;
    }

    /** The Monday that starts a day's week: a weekly roll-up row's period_start. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    }

    /**
     * The first day of a day's week cut at month ends (Monday, or the 1st when the week began in the month before):
     * the period_start of a weekly dossier roll-up row, which so lies in one month, the unit a refresh recomputes.
     */
    public static LocalDate cutWeekOf(LocalDate day) {
        LocalDate monday = weekOf(day);
        return monday.getMonth() == day.getMonth() ? monday : day.withDayOfMonth(1);
    }

    /** The last day of the cut week that starts on {@code start}: its Sunday, or the month's last day if sooner. */
    public static LocalDate cutWeekEnd(LocalDate start) {
        LocalDate sunday = weekOf(start).plusDays(6);
        LocalDate monthEnd = start.withDayOfMonth(start.lengthOfMonth());
        return sunday.isBefore(monthEnd) ? sunday : monthEnd;
    }
}
