package vn.hailong.kiosk.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The question a dissatisfied rating asks (which SIPAS elements were the problem): open for one held rating,
 * choices toggled, then answered, skipped, or expired. Rendering and keys are the screen's; what the answer
 * does is {@link RatingRecorder#finishReasons}'s.
 */
public final class ReasonsPrompt {
    /** The answer to hand to the recorder. */
    public record Answer(long seq, List<SipasElement> reasons) {
    }

    private final Clock clock;
    private final Duration timeout;
    private RecordedRating rating;
    private Instant until = Instant.MIN;
    private final Set<SipasElement> chosen = EnumSet.noneOf(SipasElement.class);

    public ReasonsPrompt(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public synchronized void open(RecordedRating held) {
        rating = held;
        chosen.clear();
        until = clock.instant().plus(timeout);
    }

    public synchronized boolean isOpen() {
        return rating != null && clock.instant().isBefore(until);
    }

    /** Toggles element {@code n} (1..5); ignored when closed or out of range. */
    public synchronized void toggle(int n) {
        if (!isOpen() || n < 1 || n > SipasElement.values().length) {
            return;
        }
        SipasElement e = SipasElement.values()[n - 1];
        if (!chosen.remove(e)) {
            chosen.add(e);
        }
    }

    public synchronized Set<SipasElement> chosen() {
        return EnumSet.copyOf(chosen.isEmpty() ? EnumSet.noneOf(SipasElement.class) : chosen);
    }

    public synchronized long secondsLeft() {
        return isOpen() ? Math.max(0, Duration.between(clock.instant(), until).toSeconds()) : 0;
    }

    /** Closes the prompt with what was chosen (empty: skipped); empty when it was not open. */
    public synchronized Optional<Answer> answer(boolean skip) {
        if (!isOpen()) {
            rating = null;
            return Optional.empty();
        }
        Answer answer = new Answer(rating.seq(), skip ? List.of() : List.copyOf(chosen));
        rating = null;
        chosen.clear();
        return Optional.of(answer);
    }
}
