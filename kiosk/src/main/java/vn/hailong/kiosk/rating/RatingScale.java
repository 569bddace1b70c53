package vn.hailong.kiosk.rating;

import java.util.List;

/**
 * The labels of a 3-, 4- or 5-button scale (domain.md §2), value 1 the lowest, in Vietnamese and English.
 * Satisfied is the top two values; dissatisfied is (Rất) không hài lòng.
 */
public record RatingScale(int size) {
    private static final List<List<String>> VI = List.of(
            List.of("Không hài lòng", "Hài lòng", "Rất hài lòng"),
            List.of("Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"),
            List.of("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"));
    private static final List<List<String>> EN = List.of(
            List.of("Dissatisfied", "Satisfied", "Very satisfied"),
            List.of("Dissatisfied", "Neutral", "Satisfied", "Very satisfied"),
            List.of("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"));

    public RatingScale {
        if (size < 3 || size > 5) {
            throw new IllegalArgumentException("a rating scale has 3, 4 or 5 values, not " + size);
        }
    }

    public String label(int value, boolean english) {
        return (english ? EN : VI).get(size - 3).get(value - 1);
    }

    public boolean isDissatisfied(int value) {
        return value <= (size == 5 ? 2 : 1);
    }

    public boolean isSatisfied(int value) {
        return value >= size - 1;
    }
}
