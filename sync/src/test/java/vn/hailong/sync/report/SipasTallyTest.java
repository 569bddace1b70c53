package vn.hailong.sync.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the SIPAS report counts the surveys it reads: each stored list parsed once, every group hashed apart. */
class SipasTallyTest {
    @Test
    void aListSeenAgainIsTheSameParseAndItsCodesAreSharedInstances() {
        SipasReport.ParsedLists lists = new SipasReport.ParsedLists();
        SipasReport.ParsedLists.Item[] first = lists.answers("ACCESS=4,OFFICER=2");
        assertArrayEquals(new SipasReport.ParsedLists.Item[] {new SipasReport.ParsedLists.Item("ACCESS", true),
                new SipasReport.ParsedLists.Item("OFFICER", false)}, first);
        assertSame(first, lists.answers(new String("ACCESS=4,OFFICER=2")));
        assertSame(first[0].code(), lists.answers("ACCESS=1")[0].code(), "one instance per code");
        assertEquals(0, lists.assessments(null).length);
        assertEquals(0, lists.expectations("").length);
    }

    @Test
    void beyondTheListsKeptEachIsParsedAgainAndCountedTheSame() {
        SipasReport.ParsedLists lists = new SipasReport.ParsedLists(1);
        SipasReport.Tally tally = new SipasReport.Tally();
        for (String answers : new String[] {"ACCESS=5", "ACCESS=3", "ACCESS=3", "ACCESS=4,RESULT=1"}) {
            tally.add(lists.answers(answers), lists.assessments("FEES_POSTED=true,NO_BROKER=false"),
                    lists.expectations("WAITING_TIME,STAFF"));
        }
        assertEquals(4, tally.respondents);
        assertArrayEquals(new long[] {4, 2}, tally.elements.get("ACCESS"));
        assertArrayEquals(new long[] {1, 0}, tally.elements.get("RESULT"));
        assertArrayEquals(new long[] {4, 4}, tally.criteria.get("FEES_POSTED"));
        assertArrayEquals(new long[] {4, 0}, tally.criteria.get("NO_BROKER"));
        assertEquals(4, tally.expectations.get("STAFF")[0]);
    }

    @Test
    void countersOfManyAgenciesHashApart() {
        // counters "1" to "5" in agencies "A100" to "A599": the record's 31 * value + agency gives them 700 hashes
        Set<Integer> hashes = new HashSet<>();
        for (int a = 100; a < 600; a++) {
            for (int c = 1; c <= 5; c++) {
                hashes.add(new SatisfactionReport.Key(String.valueOf(c), "A" + a).hashCode());
            }
        }
        assertTrue(hashes.size() > 2_450, "distinct hashes of 2,500 counters: " + hashes.size());
        assertEquals(new SatisfactionReport.Key("3", "A155").hashCode(), new SatisfactionReport.Key("3", "A155").hashCode());
        assertEquals(new SatisfactionReport.Key(null, null).hashCode(), new SatisfactionReport.Key(null, null).hashCode());
    }
}
