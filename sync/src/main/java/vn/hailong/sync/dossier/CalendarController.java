package vn.hailong.sync.dossier;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.api.Problems;

/**
 * {@code PUT /api/v1/admin/calendar/{year}}: the year's holidays and make-up working days (ngày làm bù), which the
 * Government announces each year; replaces what the year had.
 */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/calendar")
public class CalendarController {
    private static final Logger LOG = LoggerFactory.getLogger(CalendarController.class);
    private final JdbcOperations jdbc;

    public CalendarController(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Serdeable
    public record Year(@Nullable List<String> holidays, @Nullable List<String> workingDays) {
    }

    @Put("/{year}")
    @Transactional
    public Year replace(@PathVariable int year, @Body Year days) {
        if (year < 2000 || year > 2100) {
            throw Problems.invalid("year", "must be from 2000 to 2100, got " + year);
        }
        List<LocalDate> holidays = dates("holidays", days.holidays(), year);
        List<LocalDate> working = dates("workingDays", days.workingDays(), year);
        Set<LocalDate> both = new HashSet<>(holidays);
        both.retainAll(working);
        if (!both.isEmpty()) {
            throw Problems.invalid("workingDays", both.iterator().next() + " is also listed as a holiday");
        }
        jdbc.prepareStatement("DELETE FROM calendar_day WHERE calendar_date BETWEEN ? AND ?", ps -> {
            ps.setObject(1, LocalDate.of(year, 1, 1));
            ps.setObject(2, LocalDate.of(year, 12, 31));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO calendar_day (calendar_date, kind) VALUES (?, ?)", ps -> {
            for (LocalDate d : holidays) {
                ps.setObject(1, d);
                ps.setString(2, "HOLIDAY");
                ps.addBatch();
            }
            for (LocalDate d : working) {
                ps.setObject(1, d);
                ps.setString(2, "WORKING");
                ps.addBatch();
            }
            return ps.executeBatch();
        });
        LOG.info("calendar {}: {} holidays, {} make-up working days", year, holidays.size(), working.size());
        return new Year(holidays.stream().map(LocalDate::toString).toList(), working.stream().map(LocalDate::toString).toList());
    }

    private static List<LocalDate> dates(String field, List<String> values, int year) {
        if (values == null) {
            return List.of();
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            LocalDate d;
            try {
                d = LocalDate.parse(String.valueOf(values.get(i)));
            } catch (DateTimeParseException e) {
                throw Problems.invalid(field + "[" + i + "]", "must be a date YYYY-MM-DD, got '" + values.get(i) + "'");
            }
            if (d.getYear() != year) {
                throw Problems.invalid(field + "[" + i + "]", d + " is not in " + year);
            }
            if (!seen.add(d)) {
                throw Problems.invalid(field + "[" + i + "]", d + " appears twice");
            }
        }
        return seen.stream().sorted().toList();
    }
}
