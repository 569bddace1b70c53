package vn.hailong.sync.ingest;

/**
 * One event of a batch after validation: either a {@link RatingEvent} or the field and reason it was
 * rejected for. {@code id} and {@code seq} are what the event carried, when they were usable.
 */
public record JudgedEvent(String id, Long seq, String type, String contentHash, RatingEvent rating, String field,
                          String reason) {

    static JudgedEvent valid(RatingEvent rating, String type, String contentHash) {
        return new JudgedEvent(rating.id(), rating.seq(), type, contentHash, rating, null, null);
    }

    static JudgedEvent invalid(String id, Long seq, String type, String contentHash, String field, String why) {
        return new JudgedEvent(id, seq, type, contentHash, null, field, field + ": " + why);
    }

    public boolean isValid() {
        return rating != null;
    }
}
