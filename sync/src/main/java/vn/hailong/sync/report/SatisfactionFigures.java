package vn.hailong.sync.report;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.Map;

/** The satisfaction figures of domain.md §2 for one group (or the whole selection). */
@Serdeable
public record SatisfactionFigures(long counted, ByClass byClass, BigDecimal satisfactionRate,
                                  BigDecimal dissatisfactionRate, long reRatings, Map<String, Long> reasons) {

    @Serdeable
    public record ByClass(long satisfied, long neutral, long dissatisfied) {
    }

    static SatisfactionFigures of(long satisfied, long neutral, long dissatisfied, long reRatings,
                                  Map<String, Long> reasons) {
        long counted = satisfied + neutral + dissatisfied;
        return new SatisfactionFigures(counted, new ByClass(satisfied, neutral, dissatisfied),
                Rates.percent(satisfied, counted), Rates.percent(dissatisfied, counted), reRatings, reasons);
    }
}
