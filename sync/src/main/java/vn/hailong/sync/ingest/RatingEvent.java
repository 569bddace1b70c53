package vn.hailong.sync.ingest;

import java.time.OffsetDateTime;
import java.util.List;

/** A validated rating event (đánh giá), with the terminal's defaults applied. */
public record RatingEvent(String id, long seq, OffsetDateTime at, String agencyCode, String counter,
                          String officerId, String procedureCode, String dossierCode, int scale, int value,
                          RatingClass ratingClass, String channel, List<String> reasons) {
}
