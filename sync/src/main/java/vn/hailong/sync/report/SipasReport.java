package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.ingest.SipasElement;
import vn.hailong.sync.rollup.Place;
import vn.hailong.sync.rollup.SurveyItems;
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
    /** Surveys per round trip when the report reads the surveys themselves. */
    private static final int FETCH = 5_000;

    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;
    private final SurveyBankStore banks;

    public SipasReport(JdbcOperations jdbc, AgencySubtree subtree, SurveyBankStore banks) {
        this.subtree = subtree;
        this.jdbc = jdbc;
        this.banks = banks;
    }

    /** Raw counts of one group, from which every figure is computed once. */
    static final class Tally implements SurveyItems.Visitor {
        long respondents;
        final Map<String, long[]> elements = new TreeMap<>();      // element → {answers, good}
        final Map<String, long[]> criteria = new TreeMap<>();      // code → {answers, true}
        final Map<String, Long> expectations = new TreeMap<>();

        /** Adds one survey as stored. */
        void add(String answers, String assessments, String expectationCodes) {
            respondents++;
            SurveyItems.visit(answers, assessments, expectationCodes, this);
        }

        @Override
        public void element(String code, boolean good) {
            count(elements, code, good);
        }

        @Override
        public void criterion(String code, boolean good) {
            count(criteria, code, good);
        }

        @Override
        public void expectation(String code) {
            expectations.merge(code, 1L, Long::sum);
        }

        private static void count(Map<String, long[]> counts, String code, boolean good) {
            long[] c = counts.computeIfAbsent(code, k -> new long[2]);
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
                    : item.startsWith(SurveyItems.CRITERION) ? criteria : null;
            if (counts == null) {
                expectations.merge(code, answers, Long::sum);
                return;
            }
            long[] c = counts.computeIfAbsent(code, k -> new long[2]);
            c[0] += answers;
            c[1] += good;
        }
    }

    /**
     * The tallies per group. The whole selection and groupings by agency, day or month read the survey roll-ups
     * (whole months from the monthly rows, other days from the daily rows), summed by the database; groupings by
     * counter, officer, procedure or terminal read the surveys.
     */
    @Transactional(readOnly = true)
    public Map<SatisfactionReport.Key, Tally> tally(ReportQuery query) {
        RollupSelection selection = new RollupSelection(query, subtree);
        Map<SatisfactionReport.Key, Tally> tallies = new TreeMap<>();
        if (selection.dimension != Place.Dimension.ALL) {
            fromSurveys(query, selection.agencies("agency_code"), tallies);
            return tallies;
        }
        for (RollupSelection.Span span : selection.spans) {
            fromRollups(selection, span, tallies);
        }
        return tallies;
    }

    private void fromRollups(RollupSelection selection, RollupSelection.Span span,
                             Map<SatisfactionReport.Key, Tally> tallies) {
        String key = selection.keyColumns;
        String sql = "SELECT " + (key == null ? "" : key + ", ") + "item, SUM(answers), SUM(good) FROM survey_rollup "
                + "WHERE " + selection.periodWhere() + " GROUP BY " + (key == null ? "" : key + ", ") + "item";
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

    private void fromSurveys(ReportQuery query, String agencies, Map<SatisfactionReport.Key, Tally> tallies) {
        String keyColumns = query.groupBy().columns;
        String sql = "SELECT " + keyColumns + ", answers, assessments, expectations "
                + "FROM survey WHERE local_date BETWEEN ? AND ?" + agencies;
        int width = query.groupBy() == GroupBy.COUNTER ? 2 : 1;
        Map<SatisfactionReport.Key, Tally> groups = new HashMap<>();   // thousands of groups: hashed, sorted once
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, query.from());
            ps.setObject(2, query.to());
            ps.setFetchSize(FETCH);   // streamed: hundreds of thousands of surveys are not held at once
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SatisfactionReport.Key key;
                    if (width == 2) {
                        key = new SatisfactionReport.Key(rs.getString(2), rs.getString(1));
                    } else {
                        key = new SatisfactionReport.Key(rs.getString(1), null);
                    }
                    groups.computeIfAbsent(key, k -> new Tally())
                            .add(rs.getString(width + 1), rs.getString(width + 2), rs.getString(width + 3));
                }
            }
            return null;
        });
        tallies.putAll(groups);
    }

    /** The figures of one tally, as the report shows them. */
    public Map<String, Object> figures(Tally t, SurveyBank bank, Map<String, BigDecimal> weights) {
        Map<String, String> elementOf = new LinkedHashMap<>();
        bank.assessments().forEach(a -> elementOf.put(a.code(), a.element()));
        Map<String, Object> assessments = new LinkedHashMap<>();
        Map<String, BigDecimal[]> byElement = new LinkedHashMap<>();  // element → {sum of criterion indices, count}
        t.criteria.forEach((code, c) -> {
            BigDecimal index = exact(c[1], c[0]);
            String element = elementOf.get(code);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("element", element);
            row.put("answers", c[0]);
            row.put("index", round(index));
            assessments.put(code, row);
            if (element != null && index != null) {
                BigDecimal[] acc = byElement.computeIfAbsent(element, e -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                acc[0] = acc[0].add(index);
                acc[1] = acc[1].add(BigDecimal.ONE);
            }
        });
        Map<String, Object> elements = new LinkedHashMap<>();
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weightSum = BigDecimal.ZERO;
        for (SipasElement e : SipasElement.values()) {
            long[] a = t.elements.getOrDefault(e.name(), new long[2]);
            BigDecimal index = exact(a[1], a[0]);
            BigDecimal[] acc = byElement.get(e.name());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("answers", a[0]);
            row.put("index", round(index));
            row.put("assessmentIndex", acc == null ? null : round(acc[0].divide(acc[1], MathContext.DECIMAL128)));
            elements.put(e.name(), row);
            if (index != null) {
                BigDecimal w = weights.getOrDefault(e.name(), BigDecimal.ONE);
                weighted = weighted.add(index.multiply(w));
                weightSum = weightSum.add(w);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("respondents", t.respondents);
        out.put("elements", elements);
        out.put("sipas", weightSum.signum() == 0 ? null : round(weighted.divide(weightSum, MathContext.DECIMAL128)));
        out.put("assessments", assessments);
        out.put("expectations", new LinkedHashMap<>(t.expectations));
        return out;
    }

    public SurveyBank bank() {
        return banks.current();
    }

    private static BigDecimal exact(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole),
                MathContext.DECIMAL128);
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
            t.expectations.forEach((k, v) -> total.expectations.merge(k, v, Long::sum));
        }
        return total;
    }
}
