package vn.hailong.sync;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Settings of an embedded H2 database; an operator's own value of either in the URL wins.
 * <ul>
 * <li>A page cache of half the heap ({@code CACHE_SIZE}, in KB) instead of H2's fixed 16 MB: reports look rows
 * up by index (a dossier's counted rating, an agency's roll-up rows), and with a cache much smaller than a database
 * of hundreds of MB most look-ups read and decode a page from the file again. Half, not a quarter as first set:
 * ReportsAtScaleBenchmark on H2 with the installed 1 GB heap, SIPAS p95 159 ms against 251-450 ms with 256 MB
 * (PERFORMANCE.md); the rest of the heap still holds 50 terminals' batches at once (IngestBenchmark).</li>
 * <li>{@code LOCK_TIMEOUT} of 10 s instead of H2's 2 s: two terminals' batches that add to the same roll-up rows, or
 * rate the same dossier, wait for each other's commit (rows are locked in key order, so never crosswise); on a
 * busy 2-core machine that wait passed 2 s and the batch failed with a 500 (DossierRollupTest, in a clean-clone CI
 * run). PostgreSQL waits for a row lock without a limit.</li>
 * </ul>
 */
@Singleton
public class H2Settings implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final long MIN_KB = 16 * 1024;
    static final int LOCK_TIMEOUT_MS = 10_000;

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return config;
        }
        url = withSetting(url, "CACHE_SIZE", cacheKb(Runtime.getRuntime().maxMemory()));
        config.setUrl(withSetting(url, "LOCK_TIMEOUT", LOCK_TIMEOUT_MS));
        return config;
    }

    /** The URL with {@code ;NAME=value} added, unless it sets NAME already. */
    private static String withSetting(String url, String name, long value) {
        if (url.toUpperCase(Locale.ROOT).contains(name + "=")) {
            return url;
        }
        return url + (url.endsWith(";") ? "" : ";") + name + "=" + value;
    }

    static long cacheKb(long maxHeapBytes) {
        return Math.max(MIN_KB, maxHeapBytes / 2 / 1024);
    }
}
