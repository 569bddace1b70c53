package vn.hailong.sync.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Days, months and periods are local dates in Asia/Ho_Chi_Minh, whatever offset an instant carries. */
public final class LocalTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private LocalTime() {
    }

    public static LocalDate localDate(OffsetDateTime instant) {
        return instant.atZoneSameInstant(ZONE).toLocalDate();
    }

    public static String localMonth(OffsetDateTime instant) {
        return localDate(instant).format(MONTH);
    }

    /** An ISO-8601 instant that carries an offset ({@code Z} or {@code +07:00}); empty otherwise. */
    public static Optional<OffsetDateTime> parseInstant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
