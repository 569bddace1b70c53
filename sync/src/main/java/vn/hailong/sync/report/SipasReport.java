package vn.hailong.sync.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.ingest.SipasElement;
import vn.hailong.sync.rollup.Place;
import vn.hailong.sync.rollup.SurveyItems;
import vn.hailong.sync.rollup.SurveyTally;
import vn.hailong.sync.survey.SurveyBank;
import vn.hailong.sync.survey.SurveyBankStore;

/**
 * SIPAS (khảo sát tại quầy) per group, domain.md §3: element index = answers of 4 or 5 / answers × 100; sipas =
 * weighted mean of the non-null unrounded element indices, rounded once; an assessment criterion's index = true /
 * answers × 100, an element's assessment index = mean of its criteria's unrounded indices, rounded once;
 * respondents and expectation counts. The counter survey is not the Ministry's sampled SIPAS.
 */
@Singleton
public class SipasReport {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** The agencies with surveys in a span of months (the first and last month's first day): their roll-ups' rows. */
    private static final String SURVEYED = "SELECT DISTINCT agency_code FROM survey_rollup WHERE period_kind = 'M' "
            + "AND period_start BETWEEN ? AND ? AND item = '" + SurveyItems.RESPONDENT + "'";
    /** Surveys per round trip when the report reads the surveys themselves. */
    private static final int FETCH = 5_000;

    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;
    private final SurveyBankStore banks;
    private final RollupSums rollupSums;

    public SipasReport(JdbcOperations jdbc, AgencySubtree subtree, SurveyBankStore banks, RollupSums rollupSums) {
        this.subtree = subtree;
        this.jdbc = jdbc;
        this.banks = banks;
        this.rollupSums = rollupSums;
    }

    /**
     * Raw counts of one group, from which every figure is computed once. Hashed, not sorted: a grouping read from
     * the surveys adds millions of items to thousands of tallies; {@link Scorer#figures} sorts each group's few codes once.
     */
    static final class Tally {
        long respondents;
        final Map<String, long[]> elements = new HashMap<>();      // element → {answers, good}
        final Map<String, long[]> criteria = new HashMap<>();      // code → {answers, true}
        final Map<String, long[]> expectations = new HashMap<>();  // code → {named, 0}

        /** Adds one survey, its lists parsed ({@link ParsedLists}). */
        void add(ParsedLists.Item[] answers, ParsedLists.Item[] assessments, ParsedLists.Item[] expectationCodes) {
            respondents++;
            for (ParsedLists.Item i : answers) {
                count(elements, i.code(), i.good());
            }
            for (ParsedLists.Item i : assessments) {
                count(criteria, i.code(), i.good());
            }
            for (ParsedLists.Item i : expectationCodes) {
                count(expectations, i.code(), false);
            }
        }

        private static void count(Map<String, long[]> counts, String code, boolean good) {
            long[] c = counts.get(code);
            if (c == null) {
                c = new long[2];
                counts.put(code, c);
            }
            c[0]++;
            if (good) {
                c[1]++;
            }
        }

        /** Adds a roll-up row's sums of one item ({@link SurveyItems}). */
        void add(String item, long answers, long good) {
            if (item.equals(SurveyItems.RESPONDENT)) {
                respondents += answers;
                return;
            }
            String code = item.substring(2);
            Map<String, long[]> counts = item.startsWith(SurveyItems.ELEMENT) ? elements
                    : item.startsWith(SurveyItems.CRITERION) ? criteria : expectations;
            long[] c = counts.computeIfAbsent(code, k -> new long[2]);
            c[0] += answers;
            c[1] += good;
        }
    }

    /**
     * The stored lists of the surveys a report reads, each distinct one parsed once: surveys repeat the same answers
     * (each element one of five values), and parsing every survey's lists, with a new string per code hashed into each
     * group's counts, was half the report's time grouped by counter (JFR, 10 million events). Codes are shared
     * instances, so their hash is computed once. Keeps a bounded number of lists of each kind; others are parsed
     * each time they come.
     */
    static final class ParsedLists {
        private static final Item[] NONE = new Item[0];

        /** One item of a list: a code and, for answers and assessments, whether it is the good answer. */
        record Item(String code, boolean good) {
        }

        private final Map<String, Item[]> answers = new HashMap<>();
        private final Map<String, Item[]> assessments = new HashMap<>();
        private final Map<String, Item[]> expectations = new HashMap<>();
        private final Map<String, String> codes = new HashMap<>();
        private final int kept;

        /** Keeps 50,000 lists of each kind: the surveys' distinct lists are far fewer unless the bank is huge. */
        ParsedLists() {
            this(50_000);
        }

        ParsedLists(int kept) {
            this.kept = kept;
        }

        Item[] answers(String list) {
            return parsed(answers, list, 0);
        }

        Item[] assessments(String list) {
            return parsed(assessments, list, 1);
        }

        Item[] expectations(String list) {
            return parsed(expectations, list, 2);
        }

        private Item[] parsed(Map<String, Item[]> known, String list, int kind) {
            if (list == null || list.isEmpty()) {
                return NONE;
            }
            Item[] items = known.get(list);
            if (items != null) {
                return items;
            }
            List<Item> parsed = new ArrayList<>();
            SurveyItems.Visitor collect = new SurveyItems.Visitor() {
                @Override
                public void element(String code, boolean good) {
                    parsed.add(new Item(shared(code), good));
                }

                @Override
                public void criterion(String code, boolean good) {
                    parsed.add(new Item(shared(code), good));
                }

                @Override
                public void expectation(String code) {
                    parsed.add(new Item(shared(code), false));
                }
            };
            SurveyItems.visit(kind == 0 ? list : null, kind == 1 ? list : null, kind == 2 ? list : null, collect);
            items = parsed.toArray(NONE);
            if (known.size() < kept) {
                known.put(list, items);
            }
            return items;
        }

        private String shared(String code) {
            String known = codes.putIfAbsent(code, code);
            return known == null ? code : known;
        }
    }

    /**
     * The tallies per group. The whole selection and groupings by agency, day or month read the survey roll-ups
     * (whole months from the monthly rows, other days from the daily rows) as {@link RollupSums} reads them: the
     * whole tree's (V22) when the selection holds every agency surveyed in those months and is not grouped by
     * agency. Groupings by counter, officer, procedure or terminal read the tallies ({@link SurveyTally}) of the whole
     * months and weeks and the surveys of the days around those weeks (at most six at each end); by procedure for a
     * subtree, the surveys of the whole period when an agency outside it has surveys in those months (procedure
     * tallies are kept for the whole tree).
     */
    @Transactional(readOnly = true)
    public Map<SatisfactionReport.Key, Tally> tally(ReportQuery query) {
        GroupBy groupBy = query.groupBy();
        boolean grouped = groupBy == GroupBy.COUNTER || groupBy == GroupBy.OFFICER || groupBy == GroupBy.PROCEDURE
                || groupBy == GroupBy.TERMINAL;
        RollupSelection selection = new RollupSelection(query, subtree,
                grouped ? RollupSelection.Kept.SURVEY_TALLIES : RollupSelection.Kept.AGENCY_DAYS);
        Map<SatisfactionReport.Key, Tally> tallies = new TreeMap<>();
        if (!grouped) {
            // every agency surveyed then, not by agency: the whole tree's rows (V22), not those of 500 agencies
            boolean tree = groupBy != GroupBy.AGENCY && selection.holdsEveryAgencyOf(jdbc, SURVEYED, query.from(),
                    query.to());
            for (RollupSelection.Span span : selection.spans) {
                fromRollups(selection, span, tree, tallies);
            }
            return tallies;
        }
        Map<SatisfactionReport.Key, Tally> groups = new HashMap<>();   // thousands of groups: hashed, sorted once
        ParsedLists lists = new ParsedLists();
        String agencies = selection.agencies("agency_code");
        if (groupBy == GroupBy.PROCEDURE && !selection.holdsEveryAgencyOf(jdbc, SURVEYED, query.from(), query.to())) {
            fromSurveys(groupBy, query.from(), query.to(), agencies, lists, groups);
        } else {
            for (RollupSelection.Span span : selection.spans) {
                if (selection.fromRows(span)) {
                    fromSurveys(groupBy, span.first(), span.last(), agencies, lists, groups);
                } else {
                    fromTallies(selection, span, groups);
                }
            }
        }
        tallies.putAll(groups);
        return tallies;
    }

    private void fromRollups(RollupSelection selection, RollupSelection.Span span, boolean tree,
                             Map<SatisfactionReport.Key, Tally> tallies) {
        String key = selection.keyColumns;
        String sql = rollupSums.select(key == null ? "item" : key + ", item", List.of("answers", "good"),
                tree ? "survey_tree_rollup" : "survey_rollup",
                tree ? "period_kind = ? AND period_start BETWEEN ? AND ?" : selection.periodWhere());
        jdbc.prepareStatement(sql, ps -> {
            selection.bindPeriod(ps, span, 1);
            int w = selection.width();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tallies.computeIfAbsent(selection.key(rs), x -> new Tally())
                            .add(rs.getString(w + 1), rs.getLong(w + 2), rs.getLong(w + 3));
                }
            }
            return null;
        });
    }

    /** Adds the tallies of one span of whole months or weeks: a row per group and period. */
    private void fromTallies(RollupSelection selection, RollupSelection.Span span,
                             Map<SatisfactionReport.Key, Tally> groups) {
        String sql = "SELECT " + selection.keyColumns + ", items FROM survey_tally WHERE dimension = ? AND period_kind = ? "
                + "AND period_start BETWEEN ? AND ?" + (selection.dimension == Place.Dimension.PROCEDURE
                ? " AND agency_code = '" + Place.WHOLE_TREE + "'" : selection.agencies("agency_code"));
        int w = selection.width();
        jdbc.prepareStatement(sql, ps -> {
            selection.bind(ps, span);
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SurveyTally.decode(rs.getString(w + 1), groups.computeIfAbsent(selection.key(rs), k -> new Tally())::add);
                }
            }
            return null;
        });
    }

    /** Adds the surveys of some days, each to its group's tally. */
    private void fromSurveys(GroupBy groupBy, java.time.LocalDate from, java.time.LocalDate to, String agencies,
                             ParsedLists lists, Map<SatisfactionReport.Key, Tally> groups) {
        String sql = "SELECT " + groupBy.columns + ", answers, assessments, expectations "
                + "FROM survey WHERE local_date BETWEEN ? AND ?" + agencies;
        int width = groupBy == GroupBy.COUNTER ? 2 : 1;
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.setFetchSize(FETCH);   // streamed: hundreds of thousands of surveys are not held at once
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SatisfactionReport.Key key;
                    if (width == 2) {
                        key = new SatisfactionReport.Key(rs.getString(2), rs.getString(1));
                    } else {
                        key = new SatisfactionReport.Key(rs.getString(1), null);
                    }
                    groups.computeIfAbsent(key, k -> new Tally()).add(lists.answers(rs.getString(width + 1)),
                            lists.assessments(rs.getString(width + 2)), lists.expectations(rs.getString(width + 3)));
                }
            }
            return null;
        });
    }

    /**
     * One group's figures as the report shows them, fields in the order of sync-protocol.md. The answer writes them
     * with {@link #writeFields} ({@link JsonAnswer}: a grouping by officer answers for 6,000 groups); serializable,
     * so that {@code JsonAnswerTest} can hold that writing to the framework's.
     */
    @Serdeable
    public record Figures(long respondents, Map<String, ElementFigures> elements, BigDecimal sipas,
                          Map<String, AssessmentFigures> assessments, Map<String, Long> expectations) {
        /** Writes these figures' fields into the object being written, as the framework writes the record. */
        void writeFields(JsonGenerator g) throws IOException {
            g.writeNumberField("respondents", respondents);
            g.writeObjectFieldStart("elements");
            for (Map.Entry<String, ElementFigures> e : elements.entrySet()) {
                ElementFigures el = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("answers", el.answers());
                JsonAnswer.field(g, "index", el.index());
                JsonAnswer.field(g, "assessmentIndex", el.assessmentIndex());
                g.writeEndObject();
            }
            g.writeEndObject();
            JsonAnswer.field(g, "sipas", sipas);
            g.writeObjectFieldStart("assessments");
            for (Map.Entry<String, AssessmentFigures> e : assessments.entrySet()) {
                AssessmentFigures a = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                JsonAnswer.field(g, "element", a.element());
                g.writeNumberField("answers", a.answers());
                JsonAnswer.field(g, "index", a.index());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("expectations");
            for (Map.Entry<String, Long> e : expectations.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    /** An element's (thành phần) answers, index and assessment index. */
    @Serdeable
    public record ElementFigures(long answers, BigDecimal index, BigDecimal assessmentIndex) {
    }

    /** An assessment criterion's (tiêu chí) element, answers and index. */
    @Serdeable
    public record AssessmentFigures(String element, long answers, BigDecimal index) {
    }

    /**
     * The figures of one report's tallies, as the report shows them. Each index is 100 × part / whole to 34 digits
     * (domain.md: means and the SIPAS from the unrounded indices); a report by officer divides 150,000 times, mostly
     * the same few hundred small pairs, and a division to 34 digits took a fifth of its time (JFR), so each distinct
     * pair is divided once per report.
     */
    public static final class Scorer {
        /** Pairs remembered per report at most: beyond it each is divided anew, so a report's memory stays bounded. */
        private static final int MAX_QUOTIENTS = 100_000;

        private final Map<String, String> elementOf = new HashMap<>();
        private final Map<String, BigDecimal> weights;
        private final Map<Long, BigDecimal> quotients = new HashMap<>();

        /** For one report: its survey bank (which element each criterion belongs to) and the elements' weights. */
        public Scorer(SurveyBank bank, Map<String, BigDecimal> weights) {
            bank.assessments().forEach(a -> elementOf.put(a.code(), a.element()));
            this.weights = weights;
        }

        /** The figures of one tally. */
        public Figures figures(Tally t) {
            Map<String, AssessmentFigures> assessments = new LinkedHashMap<>();
            Map<String, BigDecimal[]> byElement = new HashMap<>();  // element → {sum of criterion indices, count}
            new TreeMap<>(t.criteria).forEach((code, c) -> {
                BigDecimal index = exact(c[1], c[0]);
                String element = elementOf.get(code);
                assessments.put(code, new AssessmentFigures(element, c[0], round(index)));
                if (element != null && index != null) {
                    BigDecimal[] acc = byElement.computeIfAbsent(element, e -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    acc[0] = acc[0].add(index);
                    acc[1] = acc[1].add(BigDecimal.ONE);
                }
            });
            Map<String, ElementFigures> elements = new LinkedHashMap<>();
            BigDecimal weighted = BigDecimal.ZERO;
            BigDecimal weightSum = BigDecimal.ZERO;
            for (SipasElement e : SipasElement.values()) {
                long[] a = t.elements.getOrDefault(e.name(), new long[2]);
                BigDecimal index = exact(a[1], a[0]);
                BigDecimal[] acc = byElement.get(e.name());
                elements.put(e.name(), new ElementFigures(a[0], round(index),
                        acc == null ? null : round(acc[0].divide(acc[1], MathContext.DECIMAL128))));
                if (index != null) {
                    BigDecimal w = weights.getOrDefault(e.name(), BigDecimal.ONE);
                    weighted = weighted.add(index.multiply(w));
                    weightSum = weightSum.add(w);
                }
            }
            return new Figures(t.respondents, elements,
                    weightSum.signum() == 0 ? null : round(weighted.divide(weightSum, MathContext.DECIMAL128)),
                    assessments, expectations(t));
        }

        /** 100 × part / whole, null when whole is 0. */
        private BigDecimal exact(long part, long whole) {
            if (whole == 0) {
                return null;
            }
            if (part < 0 || whole < 0 || part > Integer.MAX_VALUE || whole > Integer.MAX_VALUE) {
                return divide(part, whole);
            }
            Long pair = (part << 32) | whole;
            BigDecimal q = quotients.get(pair);
            if (q == null) {
                q = divide(part, whole);
                if (quotients.size() < MAX_QUOTIENTS) {
                    quotients.put(pair, q);
                }
            }
            return q;
        }

        private static BigDecimal divide(long part, long whole) {
            return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), MathContext.DECIMAL128);
        }
    }

    /** Each expectation's count, by code. */
    private static Map<String, Long> expectations(Tally t) {
        Map<String, Long> out = new TreeMap<>();
        t.expectations.forEach((code, c) -> out.put(code, c[0]));
        return out;
    }

    public SurveyBank bank() {
        return banks.current();
    }

    private static BigDecimal round(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_UP);
    }

    /** Adds one tally into another, for the total of the whole selection. */
    static Tally sum(Iterable<Tally> tallies) {
        Tally total = new Tally();
        for (Tally t : tallies) {
            total.respondents += t.respondents;
            t.elements.forEach((k, v) -> {
                long[] a = total.elements.computeIfAbsent(k, x -> new long[2]);
                a[0] += v[0];
                a[1] += v[1];
            });
            t.criteria.forEach((k, v) -> {
                long[] a = total.criteria.computeIfAbsent(k, x -> new long[2]);
                a[0] += v[0];
                a[1] += v[1];
            });
            t.expectations.forEach((k, v) -> total.expectations.computeIfAbsent(k, x -> new long[2])[0] += v[0]);
        }
        return total;
    }
}
