package vn.hailong.sync.rollup;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls up the surveys stored before survey roll-ups existed, once, at the first start after the upgrade (V9
 * sets the flag). It locks the flag's row, so of two servers starting on one database only one does it, and it
 * runs in one transaction with clearing the flag: a crash midway leaves nothing half-counted.
 */
@Singleton
public class SurveyRollupBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyRollupBackfill.class);
    private final JdbcOperations jdbc;
    private final SurveyRollup rollup;

    public SurveyRollupBackfill(JdbcOperations jdbc, SurveyRollup rollup) {
        this.jdbc = jdbc;
        this.rollup = rollup;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        run();
    }

    /** Rolls up every stored survey if the flag is set; returns how many (0 when there was nothing to do). */
    @Transactional
    public int run() {
        boolean pending = jdbc.prepareStatement("SELECT pending FROM rollup_backfill WHERE name = 'survey' FOR UPDATE",
                ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                });
        if (!pending) {
            return 0;
        }
        int done = jdbc.prepareStatement("SELECT local_date, agency_code, counter_code, officer_id, procedure_code, "
                + "terminal_id, answers, assessments, expectations FROM survey", ps -> {
            ps.setFetchSize(1000);
            int count = 0;
            List<SurveyRollup.Survey> chunk = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Integer> answers = new LinkedHashMap<>();
                    pairs(rs.getString(7)).forEach((k, v) -> answers.put(k, Integer.parseInt(v)));
                    Map<String, Boolean> assessments = new LinkedHashMap<>();
                    pairs(rs.getString(8)).forEach((k, v) -> assessments.put(k, Boolean.parseBoolean(v)));
                    String expectations = rs.getString(9);
                    chunk.add(new SurveyRollup.Survey(new Place(rs.getObject(1, LocalDate.class), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), answers, assessments,
                            expectations == null || expectations.isEmpty() ? List.of() : List.of(expectations.split(","))));
                    if (chunk.size() == 1000) {
                        rollup.apply(chunk);
                        count += chunk.size();
                        chunk.clear();
                        LOG.info("survey roll-ups: {} stored surveys done", count);
                    }
                }
            }
            rollup.apply(chunk);
            return count + chunk.size();
        });
        jdbc.prepareStatement("UPDATE rollup_backfill SET pending = FALSE WHERE name = 'survey'", ps -> ps.executeUpdate());
        LOG.info("survey roll-ups made for the {} surveys stored before them", done);
        return done;
    }

    /** {@code K=V,K=V} as the survey table keeps it. */
    private static Map<String, String> pairs(String list) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (list != null && !list.isEmpty()) {
            for (String pair : list.split(",")) {
                int eq = pair.indexOf('=');
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return pairs;
    }
}
