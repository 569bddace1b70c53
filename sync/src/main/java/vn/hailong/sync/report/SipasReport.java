package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.hailong.sync.ingest.SipasElement;
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

    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;
    private final SurveyBankStore banks;

    public SipasReport(JdbcOperations jdbc, AgencySubtree subtree, SurveyBankStore banks) {
        this.subtree = subtree;
        this.jdbc = jdbc;
        this.banks = banks;
    }

    /** Raw counts of one group, from which every figure is computed once. */
    static final class Tally {
        long respondents;
        final Map<String, long[]> elements = new TreeMap<>();      // element → {answers, good}
        final Map<String, long[]> criteria = new TreeMap<>();      // code → {answers, true}
        final Map<String, Long> expectations = new TreeMap<>();

        /** One roll-up item's sums (SurveyRollup): R, E:ELEMENT, C:CODE or X:CODE. */
        void add(String item, long answers, long hits) {
            if (item.equals("R")) {
                respondents += answers;
                return;
            }
            String code = item.substring(2);
            switch (item.charAt(0)) {
                case 'E' -> add(elements.computeIfAbsent(code, k -> new long[2]), answers, hits);
                case 'C' -> add(criteria.computeIfAbsent(code, k -> new long[2]), answers, hits);
                default -> expectations.merge(code, answers, Long::sum);
            }
        }

        private static void add(long[] sums, long answers, long hits) {
            sums[0] += answers;
            sums[1] += hits;
        }
    }

    @Transactional(readOnly = true)
    public Map<SatisfactionReport.Key, Tally> tally(ReportQuery query) {
        RollupSelection selection = new RollupSelection(query, subtree);
        String keyColumns = selection.keyColumns;
        String sql = "SELECT " + (keyColumns == null ? "" : keyColumns + ", ") + "item, SUM(answers), SUM(hits) "
                + "FROM survey_rollup WHERE " + selection.where() + " GROUP BY " + (keyColumns == null ? "" : keyColumns
                + ", ") + "item";
        int width = selection.width();
        Map<SatisfactionReport.Key, Tally> tallies = new TreeMap<>();
        for (RollupSelection.Span span : selection.spans) {
            jdbc.prepareStatement(sql, ps -> {
                selection.bind(ps, span);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tallies.computeIfAbsent(selection.key(rs), k -> new Tally())
                                .add(rs.getString(width + 1), rs.getLong(width + 2), rs.getLong(width + 3));
                    }
                }
                return null;
            });
        }
        tallies.values().removeIf(t -> t.respondents == 0);
        return tallies;
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
