package vn.hailong.kiosk.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** How the outbox is sent: {@code hailong.sync.*}. */
@ConfigurationProperties("hailong.sync")
public record SyncSettings(@Bindable(defaultValue = "500") int batchSize,
                           @Bindable(defaultValue = "60") int maxBackoffSeconds,
                           @Bindable(defaultValue = "20") int requestTimeoutSeconds,
                           @Bindable(defaultValue = "30") int idleCheckSeconds,
                           @Bindable(defaultValue = "60") int heartbeatSeconds,
                           @Bindable(defaultValue = "30") int retentionDays) {
}
