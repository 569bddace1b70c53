package vn.hailong.sync;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * On PostgreSQL, plan every statement with the table sizes of the moment ({@code prepareThreshold=0}). With
 * the driver's default, a statement run five times gets a generic plan made while the tables were small: the
 * ingest's lookups by dossier then scanned the whole rating table as it grew, and ingest ran at half speed
 * (IngestBenchmark: 2,847 against 5,253 events/s). An operator's own prepareThreshold in the URL wins.
 */
@Singleton
public class PostgresPlanning implements BeanCreatedEventListener<DatasourceConfiguration> {
    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (url != null && url.startsWith("jdbc:postgresql:") && !url.contains("prepareThreshold")) {
            config.addDataSourceProperty("prepareThreshold", "0");
        }
        return config;
    }
}
