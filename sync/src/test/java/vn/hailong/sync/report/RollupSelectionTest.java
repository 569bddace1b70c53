package vn.hailong.sync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.hailong.sync.rollup.Place;

/** Which roll-up rows cover a period: every day exactly once, whole weeks and months from their own rows. */
class RollupSelectionTest {
    private static final LocalDate WEDNESDAY = LocalDate.of(2025, 1, 15);

    @Test
    void aPartialMonthsWholeWeeksComeFromWeeklyRowsAndTheDaysAroundThemFromTheSource() {
        List<RollupSelection.Span> spans = RollupSelection.withWeeks(
                RollupSelection.spans(WEDNESDAY, LocalDate.of(2025, 3, 12), false));
        assertEquals(List.of(
                new RollupSelection.Span("D", WEDNESDAY, LocalDate.of(2025, 1, 19)),
                new RollupSelection.Span("W", LocalDate.of(2025, 1, 20), LocalDate.of(2025, 1, 20)),
                new RollupSelection.Span("D", LocalDate.of(2025, 1, 27), LocalDate.of(2025, 1, 31)),
                new RollupSelection.Span("M", LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 1)),
                new RollupSelection.Span("D", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2)),
                new RollupSelection.Span("W", LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 3)),
                new RollupSelection.Span("D", LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 12))), spans);
    }

    @Test
    void periodsWithoutAWholeWeekStayDaily() {
        LocalDate sunday = LocalDate.of(2025, 1, 19);
        assertEquals(List.of(new RollupSelection.Span("D", WEDNESDAY, sunday.plusDays(2))),
                RollupSelection.withWeeks(RollupSelection.spans(WEDNESDAY, sunday.plusDays(2), false)));
        LocalDate monday = sunday.plusDays(1);
        assertEquals(List.of(new RollupSelection.Span("W", monday, monday)),
                RollupSelection.withWeeks(RollupSelection.spans(monday, monday.plusDays(6), false)));
    }

    @Test
    void theDossiersWeeksAreCutAtMonthEnds() {
        // 2025-01-15 (Wednesday) .. 2025-03-12: January's whole weeks from the 20th, then the cut week 27-31;
        // March: the cut week 1-2 (Saturday, Sunday), the week from the 3rd, then the days 10-12
        List<RollupSelection.Span> spans = RollupSelection.withCutWeeks(
                RollupSelection.spans(WEDNESDAY, LocalDate.of(2025, 3, 12), false));
        assertEquals(List.of(
                new RollupSelection.Span("D", WEDNESDAY, LocalDate.of(2025, 1, 19)),
                new RollupSelection.Span("W", LocalDate.of(2025, 1, 20), LocalDate.of(2025, 1, 27)),
                new RollupSelection.Span("M", LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 1)),
                new RollupSelection.Span("W", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 3)),
                new RollupSelection.Span("D", LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 12))), spans);
        // no whole month inside: one daily span across the month's end, its cut weeks on both sides of it
        assertEquals(List.of(
                new RollupSelection.Span("D", LocalDate.of(2025, 1, 25), LocalDate.of(2025, 1, 26)),
                new RollupSelection.Span("W", LocalDate.of(2025, 1, 27), LocalDate.of(2025, 2, 3)),
                new RollupSelection.Span("D", LocalDate.of(2025, 2, 10), LocalDate.of(2025, 2, 11))),
                RollupSelection.withCutWeeks(RollupSelection.spans(LocalDate.of(2025, 1, 25), LocalDate.of(2025, 2, 11),
                        false)));
    }

    @Test
    void everyDayOfARandomPeriodIsCoveredOnce() {
        Random random = new Random(15);
        for (int i = 0; i < 2_000; i++) {
            LocalDate from = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(800));
            LocalDate to = from.plusDays(random.nextInt(i % 2 == 0 ? 40 : 400));
            List<LocalDate> expected = from.datesUntil(to.plusDays(1)).toList();
            List<RollupSelection.Span> spans = RollupSelection.spans(from, to, false);
            assertEquals(expected, covered(RollupSelection.withWeeks(spans), false), from + ".." + to);
            assertEquals(expected, covered(RollupSelection.withCutWeeks(spans), true), "cut weeks, " + from + ".." + to);
        }
    }

    /** The days the rows of these spans hold, in order; a weekly row starts on a Monday, or the 1st if cut. */
    private static List<LocalDate> covered(List<RollupSelection.Span> spans, boolean cut) {
        List<LocalDate> covered = new ArrayList<>();
        for (RollupSelection.Span span : spans) {
            for (LocalDate start = span.first(); !start.isAfter(span.last()); start = next(span.kind(), start, cut)) {
                if (span.kind().equals("W")) {
                    assertEquals(cut ? Place.cutWeekOf(start) : Place.weekOf(start), start, span.toString());
                }
                LocalDate end = next(span.kind(), start, cut);
                for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
                    covered.add(day);
                }
            }
        }
        return covered.stream().sorted().toList();
    }

    private static LocalDate next(String kind, LocalDate start, boolean cut) {
        return switch (kind) {
            case "D" -> start.plusDays(1);
            case "W" -> cut ? Place.cutWeekEnd(start).plusDays(1) : start.plusWeeks(1);
            default -> start.plusMonths(1);
        };
    }
}
