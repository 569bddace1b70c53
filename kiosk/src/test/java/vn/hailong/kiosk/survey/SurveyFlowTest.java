package vn.hailong.kiosk.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hailong.hardware.panel.MutableClock;

/** One question at a time, every one skippable, at most three expectations, idle ends it. */
class SurveyFlowTest {
    private final MutableClock clock = new MutableClock();
    private final SurveyQuestions bank = new SurveyQuestions(
            List.of(new SurveyQuestions.Statement("FEES_POSTED", "ACCESS", "Lệ phí niêm yết", "Fees posted"),
                    new SurveyQuestions.Statement("NO_BROKER", "ACCESS", "Không có cò mồi", "No broker")),
            List.of(new SurveyQuestions.Choice("A", "a", "a"), new SurveyQuestions.Choice("B", "b", "b"),
                    new SurveyQuestions.Choice("C", "c", "c"), new SurveyQuestions.Choice("D", "d", "d")));

    @Test
    void answersSkipsAndChoicesBecomeTheSurvey() {
        SurveyFlow flow = new SurveyFlow(bank, clock, Duration.ofSeconds(60));
        assertEquals(8, flow.count(), "5 elements, 2 statements, 1 choice page");
        flow.choose(4);            // ACCESS
        flow.next();               // PROCEDURE skipped
        flow.choose(9);            // not an answer: stays
        flow.choose(1);            // OFFICER
        flow.choose(5);            // RESULT
        flow.choose(2);            // FEEDBACK
        flow.choose(1);            // FEES_POSTED: true
        flow.choose(2);            // NO_BROKER: false
        assertEquals(SurveyFlow.Kind.CHOICES, flow.question().orElseThrow().kind());
        flow.choose(1);
        flow.choose(2);
        flow.choose(3);
        flow.choose(4);            // a fourth is not taken
        flow.choose(2);            // untick B
        flow.choose(4);            // now D fits
        SurveyFlow.Answers a = flow.finish();
        assertEquals(Map.of("ACCESS", 4, "OFFICER", 1, "RESULT", 5, "FEEDBACK", 2), a.answers());
        assertEquals(Map.of("FEES_POSTED", true, "NO_BROKER", false), a.assessments());
        assertEquals(List.of("A", "C", "D"), a.expectations());
        assertTrue(flow.question().isEmpty());
    }

    @Test
    void leftAloneItEndsWithWhatWasAnswered() {
        SurveyFlow flow = new SurveyFlow(SurveyQuestions.elementsOnly(), clock, Duration.ofSeconds(60));
        assertEquals(5, flow.count(), "without a bank: only the five elements");
        flow.choose(3);
        clock.advance(Duration.ofSeconds(61));
        assertTrue(flow.question().isEmpty());
        assertEquals(Map.of("ACCESS", 3), flow.finish().answers());
    }
}
