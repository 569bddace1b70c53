package vn.hailong.sync.report;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.rules.Rules;

/**
 * Apology-letter compliance (phiếu xin lỗi và hẹn lại ngày trả kết quả), domain.md §5, for dossiers due in the
 * period, as of an instant: which late dossiers had their apology in time, complete, once, from the agency at
 * fault, and kept the new date.
 */
@Singleton
public class ApologyReport {
    public static final List<String> FLAGS = List.of("COMPLIANT", "EXEMPT", "MISSING_APOLOGY", "LATE_APOLOGY",
            "REPEATED_APOLOGY", "INCOMPLETE_APOLOGY", "MISSED_NEW_DATE", "WRONG_AGENCY");

    /** The order of findings: by due date, then code (spelled out: 40,000 are sorted per report). */
    private static final Comparator<Finding> BY_DUE_DATE_AND_CODE = (a, b) -> {
        int c = a.dueDate().compareTo(b.dueDate());
        return c != 0 ? c : a.code().compareTo(b.code());
    };

    /** Dossier codes per {@code code IN (...)} statement. */
    static final int CHUNK = 500;

    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;
    private final JsonMapper json;

    public ApologyReport(JdbcOperations jdbc, AgencySubtree subtree, JsonMapper json) {
        this.subtree = subtree;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A late dossier and what it was found to be. */
    public record Finding(String code, String agencyCode, String officerId, String procedureCode, LocalDate dueDate,
                          OffsetDateTime dueAt, OffsetDateTime returnedAt, String responsibleAgency, List<String> flags) {
    }

    private record Apology(OffsetDateTime issuedAt, String agencyCode, String reason, OffsetDateTime newDueAt) {
    }

    private record Step(String agencyCode, OffsetDateTime dueAt, OffsetDateTime completedAt) {
    }

    /** The working-day calendar: Monday to Friday, minus holidays, plus make-up working days. */
    public record Calendar(Set<LocalDate> holidays, Set<LocalDate> workingDays) {
        boolean isWorking(LocalDate d) {
            if (workingDays.contains(d)) {
                return true;
            }
            return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d);
        }

        LocalDate lastWorkingDayBefore(LocalDate d) {
            LocalDate day = d.minusDays(1);
            for (int i = 0; i < 366 && !isWorking(day); i++) {
                day = day.minusDays(1);
            }
            return day;
        }
    }

    /**
     * The late dossiers due in the period as of {@code asOf}: the judgements stored for dossiers whose finding no
     * longer depends on asOf ({@link ApologyFindings}) when they were made under the current rules and calendar,
     * every other late or open dossier judged now. Ordered by due date, then code. Repeatable read: the stored and
     * the live part come from one snapshot, so a dossier judged or re-imported meanwhile is counted once.
     */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public List<Finding> findings(ReportQuery query, OffsetDateTime asOf, Rules rules) {
        Calendar calendar = calendar();
        String basis = basis(rules, calendar);
        String agencies = subtree.condition(query.agency(), "agency_code");
        List<Finding> findings = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        Map<String, List<String>> flagLists = new java.util.HashMap<>();
        jdbc.prepareStatement("SELECT code, agency_code, officer_id, procedure_code, due_at, due_date, returned_at, "
                + "responsible_agency, flags, basis FROM apology_finding WHERE due_date BETWEEN ? AND ?" + agencies, ps -> {
                    ps.setObject(1, query.from());
                    ps.setObject(2, query.to());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (!basis.equals(rs.getString(10))) {
                                stale.add(rs.getString(1));
                                continue;
                            }
                            findings.add(new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getObject(6, LocalDate.class), rs.getObject(5, OffsetDateTime.class),
                                    rs.getObject(7, OffsetDateTime.class), rs.getString(8),
                                    flagLists.computeIfAbsent(rs.getString(9), ApologyReport::flagList)));
                        }
                    }
                    return null;
                });
        findings.addAll(judge("late_or_open = TRUE AND apology_judged = FALSE AND due_date BETWEEN ? AND ?" + agencies,
                List.of(query.from(), query.to()), asOf, rules, calendar));
        // judged under other rules or another calendar: judged again now (ApologyFindingsRefresher stores it later)
        for (int from = 0; from < stale.size(); from += CHUNK) {
            List<String> chunk = stale.subList(from, Math.min(stale.size(), from + CHUNK));
            findings.addAll(judge(codeIn(chunk.size()), new ArrayList<>(chunk), asOf, rules, calendar));
        }
        findings.sort(BY_DUE_DATE_AND_CODE);
        return findings;
    }

    /** The finding for one dossier as of {@code asOf}, or empty when it is unknown or not late then. */
    @Transactional(readOnly = true)
    public Optional<Finding> finding(String code, OffsetDateTime asOf, Rules rules) {
        return judge("code = ?", List.of(code), asOf, rules, calendar()).stream().findFirst();
    }

    /** A dossier as the apology check reads it. */
    public record Row(String code, String agencyCode, String officerId, String procedureCode, OffsetDateTime dueAt,
                      LocalDate dueDate, OffsetDateTime returnedAt, String exemption, String apologies, String steps,
                      OffsetDateTime importedAt) {
    }

    /** Judges the dossiers a WHERE clause selects; only those late as of {@code asOf} are returned. */
    private List<Finding> judge(String where, List<Object> parameters, OffsetDateTime asOf, Rules rules, Calendar calendar) {
        List<Finding> findings = new ArrayList<>();
        for (Row row : rows(where, parameters)) {
            judge(row, asOf, rules, calendar).ifPresent(findings::add);
        }
        return findings;
    }

    /** {@code code IN (?, ?, ...)} for {@code n} codes. */
    static String codeIn(int n) {
        return "code IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    /** The dossier rows a WHERE clause selects. */
    public List<Row> rows(String where, List<Object> parameters) {
        String sql = "SELECT code, agency_code, officer_id, procedure_code, due_at, due_date, returned_at, exemption, apologies, "
                + "steps, imported_at FROM dossier WHERE " + where;
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, LocalDate.class),
                            rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getObject(11, OffsetDateTime.class)));
                }
            }
            return rows;
        });
    }

    /** One dossier's finding as of {@code asOf}, or empty when it is not late then. */
    public Optional<Finding> judge(Row row, OffsetDateTime asOf, Rules rules, Calendar calendar) {
        OffsetDateTime end = row.returnedAt() != null ? row.returnedAt() : asOf;
        if (!end.isAfter(row.dueAt())) {
            return Optional.empty();
        }
        List<Step> steps = steps(row.steps());
        String responsible = responsible(steps, asOf, row.agencyCode());
        List<String> flags = row.exemption() != null ? List.of("EXEMPT")
                : flags(apologies(row.apologies()), row.dueAt(), row.returnedAt(), asOf, responsible, rules, calendar);
        return Optional.of(new Finding(row.code(), row.agencyCode(), row.officerId(), row.procedureCode(), row.dueDate(),
                row.dueAt(), row.returnedAt(), responsible, flags));
    }

    /**
     * Whether a dossier's finding is the same whatever asOf: returned after its due time, every step completed
     * (an open dossier, or an open step, is judged against asOf).
     */
    public boolean settled(Row row) {
        return row.returnedAt() != null && row.returnedAt().isAfter(row.dueAt())
                && steps(row.steps()).stream().allMatch(s -> s.completedAt() != null);
    }

    /**
     * What a settled finding depends on besides the dossier: the deadline rule, and the calendar (a digest of
     * every holiday and make-up working day). A stored finding with another basis is judged again.
     */
    public static String basis(Rules rules, Calendar calendar) {
        java.util.TreeMap<LocalDate, String> days = new java.util.TreeMap<>();
        calendar.holidays().forEach(d -> days.put(d, "H"));
        calendar.workingDays().forEach(d -> days.put(d, "W"));
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            days.forEach((d, k) -> sha.update((d + k + ";").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return rules.apologyDeadline() + ":" + java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> flags(List<Apology> apologies, OffsetDateTime due, OffsetDateTime returned,
                                      OffsetDateTime asOf, String responsible, Rules rules, Calendar calendar) {
        List<String> flags = new ArrayList<>();
        if (apologies.isEmpty()) {
            return List.of("MISSING_APOLOGY");
        }
        Apology first = apologies.get(0);
        boolean late = Rules.BY_DUE.equals(rules.apologyDeadline())
                ? first.issuedAt().isAfter(due)
                : LocalTime.localDate(first.issuedAt()).isAfter(calendar.lastWorkingDayBefore(LocalTime.localDate(due)));
        if (late) {
            flags.add("LATE_APOLOGY");
        }
        if (apologies.size() > 1) {
            flags.add("REPEATED_APOLOGY");
        }
        if (first.reason() == null || first.reason().isBlank() || first.newDueAt() == null) {
            flags.add("INCOMPLETE_APOLOGY");
        }
        if (first.newDueAt() != null && (returned != null ? returned : asOf).isAfter(first.newDueAt())) {
            flags.add("MISSED_NEW_DATE");
        }
        if (!first.agencyCode().equals(responsible)) {
            flags.add("WRONG_AGENCY");
        }
        return flags.isEmpty() ? List.of("COMPLIANT") : flags;
    }

    /** The first step that overran its own due date (still open at asOf counts), else the dossier's agency. */
    private static String responsible(List<Step> steps, OffsetDateTime asOf, String dossierAgency) {
        for (Step s : steps) {
            OffsetDateTime done = s.completedAt() != null ? s.completedAt() : asOf;
            if (done.isAfter(s.dueAt())) {
                return s.agencyCode();
            }
        }
        return dossierAgency;
    }

    private List<Apology> apologies(String text) {
        List<Apology> list = new ArrayList<>();
        for (JsonNode a : array(text)) {
            list.add(new Apology(OffsetDateTime.parse(a.get("issuedAt").getStringValue()),
                    a.get("agencyCode").getStringValue(), string(a, "reason"),
                    string(a, "newDueAt") == null ? null : OffsetDateTime.parse(string(a, "newDueAt"))));
        }
        list.sort(Comparator.comparing(a -> a.issuedAt().toInstant()));
        return list;
    }

    private List<Step> steps(String text) {
        List<Step> list = new ArrayList<>();
        for (JsonNode s : array(text)) {
            list.add(new Step(s.get("agencyCode").getStringValue(), OffsetDateTime.parse(s.get("dueAt").getStringValue()),
                    string(s, "completedAt") == null ? null : OffsetDateTime.parse(string(s, "completedAt"))));
        }
        return list;
    }

    private Iterable<JsonNode> array(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(text, Argument.of(JsonNode.class)).values();
        } catch (IOException e) {
            throw new IllegalStateException("stored apologies or steps do not parse: " + text, e);
        }
    }

    private static String string(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isString() || v.getStringValue().isEmpty() ? null : v.getStringValue();
    }

    /** The working-day calendar as stored now. */
    public Calendar calendar() {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> working = new HashSet<>();
        jdbc.prepareStatement("SELECT calendar_date, kind FROM calendar_day", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ("HOLIDAY".equals(rs.getString(2)) ? holidays : working).add(rs.getObject(1, LocalDate.class));
                }
            }
            return null;
        });
        return new Calendar(holidays, working);
    }

    /**
     * A stored finding's flags as a list of the {@link #FLAGS} constants: a year of a province reads 40,000 findings
     * with a few distinct flag sets, each parsed once, and counting them by the constants hashes nothing anew.
     */
    static List<String> flagList(String stored) {
        List<String> flags = new ArrayList<>();
        for (String flag : stored.split(" ")) {
            int known = FLAGS.indexOf(flag);
            flags.add(known < 0 ? flag : FLAGS.get(known));
        }
        return List.copyOf(flags);
    }

    /** The figures of a set of late dossiers. */
    public static Map<String, Object> figures(List<Finding> late) {
        // counted by the constants' places, not merged into a map per flag: a year of a province counts 40,000
        // dossiers for the total and again for their groups (JFR); a flag not among them is counted after them
        long[] counts = new long[FLAGS.size()];
        Map<String, Long> others = new LinkedHashMap<>();
        for (Finding f : late) {
            for (String flag : f.flags()) {
                int known = FLAGS.indexOf(flag);
                if (known >= 0) {
                    counts[known]++;
                } else {
                    others.merge(flag, 1L, Long::sum);
                }
            }
        }
        Map<String, Long> flags = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            flags.put(FLAGS.get(i), counts[i]);
        }
        flags.putAll(others);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("late", (long) late.size());
        out.put("exempt", flags.get("EXEMPT"));
        out.put("compliant", flags.get("COMPLIANT"));
        out.put("complianceRate", Rates.percent(flags.get("COMPLIANT"), late.size() - flags.get("EXEMPT")));
        out.put("flags", flags);
        return out;
    }

    /** Officers with at least {@code k} late, non-exempt dossiers, most first. */
    public static List<Map<String, Object>> repeatedLateness(List<Finding> late, int k) {
        Map<String, long[]> perOfficer = new java.util.HashMap<>();   // hashed, the few over k sorted
        for (Finding f : late) {
            if (f.officerId() != null && !f.flags().contains("EXEMPT")) {
                perOfficer.computeIfAbsent(f.officerId(), o -> new long[1])[0]++;
            }
        }
        Map<String, Long> over = new TreeMap<>();
        perOfficer.forEach((officer, n) -> {
            if (n[0] >= k) {
                over.put(officer, n[0]);
            }
        });
        List<Map<String, Object>> out = new ArrayList<>();
        over.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("officerId", e.getKey());
                    row.put("late", e.getValue());
                    out.add(row);
                });
        return out;
    }
}
