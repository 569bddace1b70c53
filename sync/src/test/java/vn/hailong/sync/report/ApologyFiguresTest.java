package vn.hailong.sync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apology report's counts: every flag in its fixed order (a stored flag not known after them), the officers late often. */
class ApologyFiguresTest {
    private static final OffsetDateTime DUE = OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void eachFlagIsCountedInItsPlaceAndAnUnknownOneAfterThem() {
        List<ApologyReport.Finding> late = List.of(
                finding("D1", "o1", "COMPLIANT"),
                finding("D2", "o1", "LATE_APOLOGY", "WRONG_AGENCY"),
                finding("D3", "o2", "EXEMPT"),
                finding("D4", null, "FUTURE_FLAG"),
                finding("D5", "o2", new String("COMPLIANT")));   // equal, not the constant: counted in its place
        Map<String, Object> figures = ApologyReport.figures(late);
        Map<String, Long> flags = new LinkedHashMap<>();
        for (String f : ApologyReport.FLAGS) {
            flags.put(f, 0L);
        }
        flags.put("COMPLIANT", 2L);
        flags.put("EXEMPT", 1L);
        flags.put("LATE_APOLOGY", 1L);
        flags.put("WRONG_AGENCY", 1L);
        flags.put("FUTURE_FLAG", 1L);
        assertEquals(new ArrayList<>(flags.entrySet()), new ArrayList<>(((Map<?, ?>) figures.get("flags")).entrySet()));
        assertEquals(5L, figures.get("late"));
        assertEquals(1L, figures.get("exempt"));
        assertEquals(2L, figures.get("compliant"));
        assertEquals(new BigDecimal("50.00"), figures.get("complianceRate"));   // 2 of 4 not exempt
        assertEquals(List.of("late", "exempt", "compliant", "complianceRate", "flags"), new ArrayList<>(figures.keySet()));
    }

    @Test
    void officersLateOftenComeMostFirstThenByIdWithoutTheExemptOrUnnamed() {
        List<ApologyReport.Finding> late = List.of(
                finding("D1", "o3", "COMPLIANT"), finding("D2", "o3", "LATE_APOLOGY"),
                finding("D3", "o1", "MISSING_APOLOGY"), finding("D4", "o1", "COMPLIANT"),
                finding("D5", "o2", "COMPLIANT"), finding("D6", "o2", "EXEMPT"),
                finding("D7", "o4", "COMPLIANT"), finding("D8", "o4", "COMPLIANT"), finding("D9", "o4", "COMPLIANT"),
                finding("D10", null, "COMPLIANT"), finding("D11", null, "COMPLIANT"));
        assertEquals(List.of(Map.of("officerId", "o4", "late", 3L), Map.of("officerId", "o1", "late", 2L),
                Map.of("officerId", "o3", "late", 2L)), ApologyReport.repeatedLateness(late, 2));
        assertEquals(List.of(Map.of("officerId", "o4", "late", 3L)), ApologyReport.repeatedLateness(late, 3));
        assertEquals(List.of(), ApologyReport.repeatedLateness(late, 4));
    }

    private static ApologyReport.Finding finding(String code, String officer, String... flags) {
        return new ApologyReport.Finding(code, "A1", officer, "P1", LocalDate.of(2026, 3, 2), DUE, null, "A1",
                List.of(flags));
    }
}
