package vn.hailong.sync.rollup;

import java.util.ArrayList;
import java.util.List;

/**
 * What one counter survey (khảo sát tại quầy) is made of, as the SIPAS report counts it: a respondent, each element
 * answered (good when 4 or 5), each assessment answered (good when true), each expectation named. The report tallies
 * these, and the monthly survey roll-ups keep their sums, so both count a survey the same way.
 */
public final class SurveyItems {
    /** The item counting respondents. */
    public static final String RESPONDENT = "R";
    /** Prefixes of an element's, an assessment criterion's and an expectation's item. */
    public static final String ELEMENT = "E:";
    public static final String CRITERION = "C:";
    public static final String EXPECTATION = "X:";

    /** One item: how many answered it, and how many of those gave the good answer. */
    public record Item(String item, long answers, long good) {
    }

    private SurveyItems() {
    }

    /** The items of a survey stored as {@code K=V,K=V} answers and assessments and {@code A,B} expectations. */
    public static List<Item> of(String answers, String assessments, String expectations) {
        List<Item> items = new ArrayList<>();
        items.add(new Item(RESPONDENT, 1, 0));
        for (String pair : split(answers)) {
            String[] kv = pair.split("=");
            items.add(new Item(ELEMENT + kv[0], 1, Integer.parseInt(kv[1]) >= 4 ? 1 : 0));
        }
        for (String pair : split(assessments)) {
            String[] kv = pair.split("=");
            items.add(new Item(CRITERION + kv[0], 1, Boolean.parseBoolean(kv[1]) ? 1 : 0));
        }
        for (String code : split(expectations)) {
            items.add(new Item(EXPECTATION + code, 1, 0));
        }
        return items;
    }

    private static String[] split(String s) {
        return s == null || s.isEmpty() ? new String[0] : s.split(",");
    }
}
