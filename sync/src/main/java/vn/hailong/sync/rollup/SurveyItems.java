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

    /** What {@link #visit} hands over: a survey's items, one call each, in the order {@link #of} lists them. */
    public interface Visitor {
        void element(String code, boolean good);

        void criterion(String code, boolean good);

        void expectation(String code);
    }

    /** The items of a survey stored as {@code K=V,K=V} answers and assessments and {@code A,B} expectations. */
    public static List<Item> of(String answers, String assessments, String expectations) {
        List<Item> items = new ArrayList<>();
        items.add(new Item(RESPONDENT, 1, 0));
        visit(answers, assessments, expectations, new Visitor() {
            @Override
            public void element(String code, boolean good) {
                items.add(new Item(ELEMENT + code, 1, good ? 1 : 0));
            }

            @Override
            public void criterion(String code, boolean good) {
                items.add(new Item(CRITERION + code, 1, good ? 1 : 0));
            }

            @Override
            public void expectation(String code) {
                items.add(new Item(EXPECTATION + code, 1, 0));
            }
        });
        return items;
    }

    /**
     * A survey's items (but the respondent, one per survey) without building them: the SIPAS report reads hundreds of
     * thousands of surveys when grouped by counter, officer, procedure or terminal, and {@code String.split} and the
     * items' objects were half its time (JFR, PostgreSQL at 10 million events). An element is good when 4 or 5, an
     * assessment when true.
     */
    public static void visit(String answers, String assessments, String expectations, Visitor visitor) {
        for (int from = 0; answers != null && from < answers.length(); ) {
            int end = end(answers, from);
            int eq = answers.indexOf('=', from);
            visitor.element(answers.substring(from, eq), Integer.parseInt(answers, eq + 1, end, 10) >= 4);
            from = end + 1;
        }
        for (int from = 0; assessments != null && from < assessments.length(); ) {
            int end = end(assessments, from);
            int eq = assessments.indexOf('=', from);
            visitor.criterion(assessments.substring(from, eq),
                    end - eq - 1 == 4 && assessments.regionMatches(true, eq + 1, "true", 0, 4));
            from = end + 1;
        }
        for (int from = 0; expectations != null && from < expectations.length(); ) {
            int end = end(expectations, from);
            visitor.expectation(expectations.substring(from, end));
            from = end + 1;
        }
    }

    /** Where the list item starting at {@code from} ends: its comma, or the end. */
    private static int end(String list, int from) {
        int comma = list.indexOf(',', from);
        return comma < 0 ? list.length() : comma;
    }
}
