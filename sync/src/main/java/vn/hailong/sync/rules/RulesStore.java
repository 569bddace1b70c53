package vn.hailong.sync.rules;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.ingest.SipasElement;

/** The current rules: the operator's, or the defaults. */
@Singleton
public class RulesStore {
    private final JdbcOperations jdbc;

    public RulesStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Rules current() {
        return jdbc.prepareStatement("SELECT apology_deadline, sipas_weights, repeated_lateness_threshold FROM rules "
                + "WHERE id = 1", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Rules.defaults();
                        }
                        Map<String, BigDecimal> weights = new TreeMap<>();
                        for (String pair : rs.getString(2).split(",")) {
                            if (!pair.isEmpty()) {
                                String[] kv = pair.split("=");
                                weights.put(kv[0], new BigDecimal(kv[1]));
                            }
                        }
                        return new Rules(rs.getString(1), weights, rs.getInt(3));
                    }
                });
    }

    /** Replaces the rules; a field left out keeps its default. */
    @Transactional
    public Rules replace(Rules given) {
        Rules d = Rules.defaults();
        String deadline = given.apologyDeadline() == null ? d.apologyDeadline() : given.apologyDeadline();
        if (!Rules.WORKING_DAY_BEFORE_DUE.equals(deadline) && !Rules.BY_DUE.equals(deadline)) {
            throw Problems.invalid("apologyDeadline", "must be WORKING_DAY_BEFORE_DUE or BY_DUE, got '" + deadline + "'");
        }
        Map<String, BigDecimal> weights = new TreeMap<>(given.sipasWeights() == null ? Map.of() : given.sipasWeights());
        for (Map.Entry<String, BigDecimal> w : weights.entrySet()) {
            if (!SipasElement.isCode(w.getKey())) {
                throw Problems.invalid("sipasWeights", "unknown element " + w.getKey()
                        + ": use ACCESS, PROCEDURE, OFFICER, RESULT or FEEDBACK");
            }
            if (w.getValue() == null || w.getValue().signum() <= 0 || w.getValue().compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw Problems.invalid("sipasWeights." + w.getKey(), "must be a number above 0 and at most 1000");
            }
        }
        int k = given.repeatedLatenessThreshold() == null ? d.repeatedLatenessThreshold() : given.repeatedLatenessThreshold();
        if (k < 1 || k > 1000) {
            throw Problems.invalid("repeatedLatenessThreshold", "must be a whole number from 1 to 1000");
        }
        StringBuilder encoded = new StringBuilder();
        weights.forEach((e, w) -> encoded.append(encoded.length() == 0 ? "" : ",").append(e).append('=')
                .append(w.toPlainString()));
        jdbc.prepareStatement("DELETE FROM rules", ps -> ps.executeUpdate());
        jdbc.prepareStatement("INSERT INTO rules (id, apology_deadline, sipas_weights, repeated_lateness_threshold) "
                + "VALUES (1, ?, ?, ?)", ps -> {
                    ps.setString(1, deadline);
                    ps.setString(2, encoded.toString());
                    ps.setInt(3, k);
                    return ps.executeUpdate();
                });
        return new Rules(deadline, weights, k);
    }
}
