package vn.hailong.sync.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the findings of settled late dossiers that have none (stored before V14) and judges again those made
 * under other rules or another calendar, in the background (HAILONG_APOLOGY_REFRESH, default every 60 s; the
 * first run 5 s after start). Until then the report judges those dossiers itself, as before: slower, never wrong.
 * Gauge {@code hailong_apology_findings_unjudged}: settled dossiers still without a stored finding after the last
 * run (-1 before the first).
 */
@Singleton
public class ApologyFindingsRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(ApologyFindingsRefresher.class);

    private final ApologyFindings findings;
    private final AtomicLong unjudged = new AtomicLong(-1);

    public ApologyFindingsRefresher(ApologyFindings findings, MeterRegistry meters) {
        this.findings = findings;
        meters.gauge("hailong_apology_findings_unjudged", unjudged);
    }

    @Scheduled(fixedDelay = "${hailong.apology.refresh:60s}", initialDelay = "5s")
    void refresh() {
        try {
            long start = System.nanoTime();
            ApologyFindings.Refreshed r = findings.refresh();
            unjudged.set(r.unsettled());
            if (r.judged() + r.judgedAgain() > 0) {
                LOG.atInfo().addKeyValue("judged", r.judged()).addKeyValue("judgedAgain", r.judgedAgain())
                        .log("apology findings stored: {} dossiers judged, {} judged again under the current rules and "
                                + "calendar, in {} ms", r.judged(), r.judgedAgain(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // the report judges those dossiers itself meanwhile; the next run tries again
            LOG.warn("apology findings not stored ({}); will try again", e.toString());
        }
    }
}
