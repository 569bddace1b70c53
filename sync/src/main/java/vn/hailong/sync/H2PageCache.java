package vn.hailong.sync;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * On an embedded H2 database, a page cache of a quarter of the heap ({@code CACHE_SIZE}, in KB) instead of H2's
 * fixed 16 MB: reports look rows up by index (a dossier's counted rating, an agency's roll-up rows), and with 16 MB
 * of cache for a database of hundreds of MB most look-ups read and decode a page from the file again
 * (ReportsAtScaleBenchmark: PERFORMANCE.md). An operator's own CACHE_SIZE in the URL wins.
 */
@Singleton
public class H2PageCache implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final long MIN_KB = 16 * 1024;

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (url != null && url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("CACHE_SIZE=")) {
            config.setUrl(url + (url.endsWith(";") ? "" : ";") + "CACHE_SIZE=" + cacheKb(Runtime.getRuntime().maxMemory()));
        }
        return config;
    }

    static long cacheKb(long maxHeapBytes) {
        return Math.max(MIN_KB, maxHeapBytes / 4 / 1024);
    }
}
