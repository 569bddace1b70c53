package vn.hailong.sync.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages of domain.md: part / whole × 100, rounded half-up to 2 decimals; null when whole is 0. */
public final class Rates {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rates() {
    }

    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
