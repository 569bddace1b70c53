package vn.hailong.sync.rules;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The rules a deployment chooses (domain.md §3 and §5): the apology deadline variant, the SIPAS element weights
 * (1 for an element not given), and how many late dossiers make an officer "repeatedly late".
 */
@Serdeable
public record Rules(@Nullable String apologyDeadline, @Nullable Map<String, BigDecimal> sipasWeights,
                    @Nullable Integer repeatedLatenessThreshold) {
    public static final String WORKING_DAY_BEFORE_DUE = "WORKING_DAY_BEFORE_DUE";
    public static final String BY_DUE = "BY_DUE";

    public static Rules defaults() {
        return new Rules(WORKING_DAY_BEFORE_DUE, Map.of(), 3);
    }
}
