package vn.hailong.kiosk.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.hailong.kiosk.rating.SipasElement;

/**
 * The short counter survey (domain.md §3), one question at a time, every one skippable: the five elements on
 * the 5-point scale, the bank's yes/no statements, then up to three improvement areas. Finishing early, or
 * leaving it for the idle time, keeps what was answered (as Colombo's kiosks do). Keys and taps are the
 * screen's; this only holds the answers.
 */
public final class SurveyFlow {
    /** What the current question is. */
    public enum Kind { ELEMENT, STATEMENT, CHOICES }

    /** The question on screen: its kind and index into the elements, statements or (for CHOICES) 0. */
    public record Question(Kind kind, int index) {
    }

    /** The answers, ready to become a survey event. */
    public record Answers(Map<String, Integer> answers, Map<String, Boolean> assessments, List<String> expectations) {
        public boolean isEmpty() {
            return answers.isEmpty() && assessments.isEmpty() && expectations.isEmpty();
        }
    }

    private final SurveyQuestions bank;
    private final Clock clock;
    private final Duration idle;
    private final List<Question> questions = new ArrayList<>();
    private final Map<String, Integer> answers = new LinkedHashMap<>();
    private final Map<String, Boolean> assessments = new LinkedHashMap<>();
    private final List<String> expectations = new ArrayList<>();
    private int at;
    private Instant lastTouch;
    private boolean done;

    public SurveyFlow(SurveyQuestions bank, Clock clock, Duration idle) {
        this.bank = bank;
        this.clock = clock;
        this.idle = idle;
        for (int i = 0; i < SipasElement.values().length; i++) {
            questions.add(new Question(Kind.ELEMENT, i));
        }
        for (int i = 0; i < bank.statements().size(); i++) {
            questions.add(new Question(Kind.STATEMENT, i));
        }
        if (!bank.choices().isEmpty()) {
            questions.add(new Question(Kind.CHOICES, 0));
        }
        lastTouch = clock.instant();
    }

    public SurveyQuestions bank() {
        return bank;
    }

    /** The question to show; empty when the survey is over (finished, or idle too long). */
    public synchronized Optional<Question> question() {
        if (done || at >= questions.size() || clock.instant().isAfter(lastTouch.plus(idle))) {
            return Optional.empty();
        }
        return Optional.of(questions.get(at));
    }

    public synchronized int number() {
        return at + 1;
    }

    public synchronized int count() {
        return questions.size();
    }

    /**
     * Answers the current question with option {@code n}: 1..5 for an element, 1 (yes) or 2 (no) for a
     * statement, and for the improvement areas toggles area {@code n} (at most three).
     */
    public synchronized void choose(int n) {
        Optional<Question> q = question();
        if (q.isEmpty()) {
            return;
        }
        lastTouch = clock.instant();
        switch (q.get().kind()) {
            case ELEMENT -> {
                if (n >= 1 && n <= 5) {
                    answers.put(SipasElement.values()[q.get().index()].name(), n);
                    at++;
                }
            }
            case STATEMENT -> {
                if (n == 1 || n == 2) {
                    assessments.put(bank.statements().get(q.get().index()).code(), n == 1);
                    at++;
                }
            }
            case CHOICES -> {
                if (n >= 1 && n <= bank.choices().size()) {
                    String code = bank.choices().get(n - 1).code();
                    if (!expectations.remove(code) && expectations.size() < 3) {
                        expectations.add(code);
                    }
                }
            }
        }
    }

    /** Skips the current question (Enter on the last one ends the survey). */
    public synchronized void next() {
        if (question().isPresent()) {
            lastTouch = clock.instant();
            at++;
        }
    }

    public synchronized List<String> chosenExpectations() {
        return List.copyOf(expectations);
    }

    /** Ends the survey now, keeping what was answered. */
    public synchronized Answers finish() {
        done = true;
        return new Answers(Map.copyOf(answers), Map.copyOf(assessments), List.copyOf(expectations));
    }
}
