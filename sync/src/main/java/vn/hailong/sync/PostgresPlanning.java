package vn.hailong.sync;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * PostgreSQL driver settings the ingest and the reports depend on; an operator's own value of any in the URL wins.
 * <ul>
 * <li>{@code prepareThreshold=0}: plan every statement with the table sizes of the moment. With the driver's
 * default, a statement run five times gets a generic plan made while the tables were small: the ingest's lookups
 * by dossier then scanned the whole rating table as it grew (IngestBenchmark: 2,847 against 5,253 events/s;
 * {@code plan_cache_mode=force_custom_plan} instead gave 5,562 against 6,413 events/s with this setting).</li>
 * <li>{@code reWriteBatchedInserts=true}: a batch's 500 inserts travel as a few multi-row inserts instead of 500
 * statements, each parsed and planned (IngestBenchmark: 4,790 → 6,413 events/s).</li>
 * <li>{@code options=-c jit=off -c max_parallel_workers_per_gather=0}: a report reads a few thousand roll-up rows;
 * compiling its query (JIT, about 50 ms) and starting parallel workers (over 100 ms on the benchmark machine: a
 * month's survey roll-up rows took 158 ms with two workers, 61 ms without) cost more than they save, and the
 * dashboard sends several reports at once, which the workers only make compete for the same cores.</li>
 * </ul>
 */
@Singleton
public class PostgresPlanning implements BeanCreatedEventListener<DatasourceConfiguration> {
    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (Engines.isPostgres(url)) {
            if (!url.contains("prepareThreshold")) {
                config.addDataSourceProperty("prepareThreshold", "0");
            }
            if (!url.contains("reWriteBatchedInserts")) {
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            if (!url.contains("options=")) {
                config.addDataSourceProperty("options", "-c jit=off -c max_parallel_workers_per_gather=0");
            }
        }
        return config;
    }
}
