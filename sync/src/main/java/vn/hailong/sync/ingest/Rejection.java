package vn.hailong.sync.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An event the server will never store: final for the terminal. {@code reason} names the field and why. */
@Serdeable
public record Rejection(@Nullable String id, @Nullable Long seq, String reason, @Nullable String field) {
    public static final String CONFLICT = "CONFLICT";
    public static final String SEQ_CONFLICT = "SEQ_CONFLICT";
}
