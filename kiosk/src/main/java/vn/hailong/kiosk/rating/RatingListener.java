package vn.hailong.kiosk.rating;

/** Told about every press the recorder handled, so a screen can confirm or explain at once. */
public interface RatingListener {
    void recorded(RecordedRating rating);

    void refused(Refusal refusal);
}
