package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hailong.sync.StatementBatches;
import vn.hailong.sync.rules.Rules;
import vn.hailong.sync.rules.RulesStore;

/**
 * The stored findings of settled late dossiers (V14): judged by the import in its own transaction, and by
 * {@link #refresh} for dossiers stored before and for findings made under other rules or another calendar. The
 * apology report uses a stored finding only when its basis is the current one, so none of this decides a figure.
 */
@Singleton
public class ApologyFindings {
    /** Settled findings of some dossiers, by code, and the basis they were judged on. */
    public record Judged(String basis, Map<String, ApologyReport.Finding> findings) {
    }

    /** What one refresh did, and how many dossiers it left unjudged (an open step keeps a dossier unsettled). */
    public record Refreshed(int judged, int judgedAgain, int unsettled) {
    }

    private final ApologyReport report;
    private final RulesStore rules;
    private final JdbcOperations jdbc;
    private final StatementBatches batches;
    private final TransactionOperations<Connection> transactions;

    public ApologyFindings(ApologyReport report, RulesStore rules, JdbcOperations jdbc, StatementBatches batches,
                           TransactionOperations<Connection> transactions) {
        this.report = report;
        this.rules = rules;
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
    }

    /** The findings of those dossiers that are settled, under the current rules and calendar. */
    public Judged judgeSettled(Collection<ApologyReport.Row> rows) {
        Rules current = rules.current();
        ApologyReport.Calendar calendar = report.calendar();
        Map<String, ApologyReport.Finding> findings = new LinkedHashMap<>();
        for (ApologyReport.Row row : rows) {
            if (report.settled(row)) {
                report.judge(row, row.returnedAt(), current, calendar).ifPresent(f -> findings.put(row.code(), f));
            }
        }
        return new Judged(ApologyReport.basis(current, calendar), findings);
    }

    /** Replaces the stored findings of these dossiers with {@code judged}'s, in the caller's transaction. */
    public void replace(List<String> codes, Judged judged) {
        for (int from = 0; from < codes.size(); from += ApologyReport.CHUNK) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + ApologyReport.CHUNK));
            jdbc.prepareStatement("DELETE FROM apology_finding WHERE " + ApologyReport.codeIn(chunk.size()), ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                return ps.executeUpdate();
            });
        }
        insert(judged.findings().values(), judged.basis());
    }

    /**
     * Judges again the stored findings made on another basis, then judges the settled dossiers that have no stored
     * finding (stored before V14, or whose import could not settle them), a chunk per transaction. A dossier
     * re-imported meanwhile is left to its import: each write checks the row is still the one judged.
     */
    public Refreshed refresh() {
        Rules current = transactions.executeRead(status -> rules.current());
        ApologyReport.Calendar calendar = transactions.executeRead(status -> report.calendar());
        String basis = ApologyReport.basis(current, calendar);
        int judgedAgain = 0;
        List<String[]> stale = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT code, basis FROM apology_finding WHERE basis <> ?", ps -> {
                    ps.setString(1, basis);
                    List<String[]> list = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            list.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                    return list;
                }));
        for (int from = 0; from < stale.size(); from += ApologyReport.CHUNK) {
            Map<String, String> was = new LinkedHashMap<>();
            stale.subList(from, Math.min(stale.size(), from + ApologyReport.CHUNK)).forEach(s -> was.put(s[0], s[1]));
            judgedAgain += transactions.executeWrite(status -> {
                int updated = 0;
                for (ApologyReport.Row row : report.rows(ApologyReport.codeIn(was.size()), new ArrayList<>(was.keySet()))) {
                    if (!report.settled(row)) {
                        continue;
                    }
                    ApologyReport.Finding f = report.judge(row, row.returnedAt(), current, calendar).orElseThrow();
                    updated += jdbc.prepareStatement("UPDATE apology_finding SET responsible_agency = ?, flags = ?, basis = ? "
                            + "WHERE code = ? AND basis = ?", ps -> {
                                ps.setString(1, f.responsibleAgency());
                                ps.setString(2, String.join(" ", f.flags()));
                                ps.setString(3, basis);
                                ps.setString(4, row.code());
                                ps.setString(5, was.get(row.code()));
                                return ps.executeUpdate();
                            });
                }
                return updated;
            });
        }
        List<String> unjudged = transactions.executeRead(status -> jdbc.prepareStatement("SELECT code FROM dossier "
                + "WHERE late_or_open = TRUE AND apology_judged = FALSE AND returned_at IS NOT NULL", ps -> {
                    List<String> codes = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            codes.add(rs.getString(1));
                        }
                    }
                    return codes;
                }));
        int judged = 0;
        for (int from = 0; from < unjudged.size(); from += ApologyReport.CHUNK) {
            List<String> chunk = new ArrayList<>(unjudged.subList(from, Math.min(unjudged.size(), from + ApologyReport.CHUNK)));
            judged += transactions.executeWrite(status -> {
                List<ApologyReport.Finding> claimed = new ArrayList<>();
                for (ApologyReport.Row row : report.rows(ApologyReport.codeIn(chunk.size()), new ArrayList<>(chunk))) {
                    if (!report.settled(row)) {
                        continue;
                    }
                    ApologyReport.Finding f = report.judge(row, row.returnedAt(), current, calendar).orElseThrow();
                    // the row judged is still the one stored, and nobody else judged it meanwhile
                    int claims = jdbc.prepareStatement("UPDATE dossier SET apology_judged = TRUE WHERE code = ? "
                            + "AND imported_at = ? AND apology_judged = FALSE", ps -> {
                                ps.setString(1, row.code());
                                ps.setObject(2, row.importedAt());
                                return ps.executeUpdate();
                            });
                    if (claims == 1) {
                        claimed.add(f);
                    }
                }
                insert(claimed, basis);
                return claimed.size();
            });
        }
        return new Refreshed(judged, judgedAgain, unjudged.size() - judged);
    }

    private void insert(Collection<ApologyReport.Finding> findings, String basis) {
        batches.insert("INSERT INTO apology_finding (code, agency_code, officer_id, procedure_code, due_at, due_date, "
                + "returned_at, responsible_agency, flags, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", findings,
                (ps, f) -> bind(ps, f, basis));
    }

    private static void bind(PreparedStatement ps, ApologyReport.Finding f, String basis) throws SQLException {
        ps.setString(1, f.code());
        ps.setString(2, f.agencyCode());
        ps.setString(3, f.officerId());
        ps.setString(4, f.procedureCode());
        ps.setObject(5, f.dueAt().withOffsetSameInstant(ZoneOffset.UTC));
        ps.setObject(6, f.dueDate());
        ps.setObject(7, f.returnedAt().withOffsetSameInstant(ZoneOffset.UTC));
        ps.setString(8, f.responsibleAgency());
        ps.setString(9, String.join(" ", f.flags()));
        ps.setString(10, basis);
    }
}
