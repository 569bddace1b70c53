package vn.hailong.sync.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How one stored survey counts: the roll-ups and the SIPAS report both read it through these items. */
class SurveyItemsTest {
    @Test
    void aSurveyIsARespondentItsElementsItsAssessmentsAndItsExpectations() {
        assertEquals(List.of(
                        new SurveyItems.Item("R", 1, 0),
                        new SurveyItems.Item("E:ACCESS", 1, 1),        // 5: good
                        new SurveyItems.Item("E:PROCEDURE", 1, 1),     // 4: good
                        new SurveyItems.Item("E:OFFICER", 1, 0),       // 3: not
                        new SurveyItems.Item("C:FEES_POSTED", 1, 1),
                        new SurveyItems.Item("C:NO_BROKER", 1, 0),
                        new SurveyItems.Item("C:ON_TIME", 1, 1),       // TRUE as stored by an older kiosk
                        new SurveyItems.Item("X:WAITING_TIME", 1, 0),
                        new SurveyItems.Item("X:FACILITIES", 1, 0)),
                SurveyItems.of("ACCESS=5,PROCEDURE=4,OFFICER=3", "FEES_POSTED=true,NO_BROKER=false,ON_TIME=TRUE",
                        "WAITING_TIME,FACILITIES"));
    }

    @Test
    void emptyOrMissingListsHaveNoItems() {
        assertEquals(List.of(new SurveyItems.Item("R", 1, 0)), SurveyItems.of("", null, null));
        assertEquals(List.of(new SurveyItems.Item("R", 1, 0), new SurveyItems.Item("E:RESULT", 1, 0),
                        new SurveyItems.Item("C:NO_BROKER", 1, 0)),
                SurveyItems.of("RESULT=1", "NO_BROKER=truest", ""));
    }
}
