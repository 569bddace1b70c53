package vn.hailong.sync.ingest;

/**
 * One event of a batch after validation: a {@link RatingEvent}, a {@link SurveyEvent}, or the field and reason it was
 * rejected for. {@code id} and {@code seq} are what the event carried, when they were usable.
 */
public record JudgedEvent(String id, Long seq, String type, String contentHash, RatingEvent rating,
                          SurveyEvent survey, String field, String reason) {

    static JudgedEvent valid(RatingEvent rating, String contentHash) {
        return new JudgedEvent(rating.id(), rating.seq(), "rating", contentHash, rating, null, null, null);
    }

    static JudgedEvent valid(SurveyEvent survey, String contentHash) {
        return new JudgedEvent(survey.id(), survey.seq(), "survey", contentHash, null, survey, null, null);
    }

    static JudgedEvent invalid(String id, Long seq, String type, String contentHash, String field, String why) {
        return new JudgedEvent(id, seq, type, contentHash, null, null, field, field + ": " + why);
    }

    public boolean isValid() {
        return rating != null || survey != null;
    }
}
