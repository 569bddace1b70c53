package vn.hailong.sync.ingest;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The 200 answer to a batch. */
@Serdeable
public record BatchResult(String batchId, int accepted, int duplicates, List<Rejection> rejected,
                          long highestContiguousSeq, String serverTime) {
}
