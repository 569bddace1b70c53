package vn.hailong.sync.ingest;

/**
 * The class of a rating value (domain.md §2): satisfied is the top two labels (Hài lòng, Rất hài lòng),
 * dissatisfied is (Rất) không hài lòng, neutral is Bình thường. Groups mixing scales count classes.
 */
public enum RatingClass {
    SATISFIED, NEUTRAL, DISSATISFIED;

    public static RatingClass of(int scale, int value) {
        if (value >= scale - 1) {
            return SATISFIED;
        }
        int dissatisfiedUpTo = scale == 5 ? 2 : 1;
        return value <= dissatisfiedUpTo ? DISSATISFIED : NEUTRAL;
    }
}
