package vn.hailong.sync.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The groupings of a report (sync-protocol.md "Reports"); each maps to the columns that form its key. */
public enum GroupBy {
    AGENCY("agency_code"),
    /** Counters are numbered per agency, so a counter row is keyed by agency and counter. */
    COUNTER("agency_code, counter_code"),
    OFFICER("officer_id"),
    PROCEDURE("procedure_code"),
    TERMINAL("terminal_id"),
    DAY("local_date"),
    MONTH("local_month");

    final String columns;

    GroupBy(String columns) {
        this.columns = columns;
    }

    public String parameter() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static GroupBy parse(String value) {
        for (GroupBy g : values()) {
            if (g.parameter().equals(value)) {
                return g;
            }
        }
        return null;
    }

    public static String choices() {
        return Arrays.stream(values()).map(GroupBy::parameter).collect(Collectors.joining(", "));
    }
}
