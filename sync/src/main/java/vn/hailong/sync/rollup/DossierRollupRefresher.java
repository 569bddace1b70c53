package vn.hailong.sync.rollup;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the dossier roll-ups up to date in the background, so a report seldom finds marks left by the ingest to
 * recompute first (HAILONG_DOSSIER_ROLLUP_REFRESH, default every 30 s). A report refreshes anyway before it reads.
 */
@Singleton
public class DossierRollupRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(DossierRollupRefresher.class);

    private final DossierRollup rollup;

    public DossierRollupRefresher(DossierRollup rollup) {
        this.rollup = rollup;
    }

    @Scheduled(fixedDelay = "${hailong.dossier-rollup.refresh:30s}", initialDelay = "${hailong.dossier-rollup.refresh:30s}")
    void refresh() {
        try {
            rollup.refresh();   // logs what it did
        } catch (RuntimeException e) {
            // the next run, or the next report, tries again; the marks stay until a refresh commits
            LOG.warn("dossier roll-ups not refreshed ({}); will try again", e.toString());
        }
    }
}
