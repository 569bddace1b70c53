package vn.hailong.sync.rollup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps {@code dossier_rollup} (số liệu tổng hợp hồ sơ) in step with the dossiers and their counted ratings. The
 * import and the ingest each leave a mark in their own transaction ({@link #markBuckets}, {@link #markDossiers});
 * {@link #refresh} recomputes the marked agency-months from the source rows and deletes exactly the marks it read,
 * so a change committed while it runs keeps its mark for the next refresh (V11 says why rows are not added to).
 */
@Singleton
public class DossierRollup {
    /** The dossiers report's figures over {@code dossier d LEFT JOIN rating f ON f.counted_dossier = d.code}. */
    public static final String COUNTS = "COUNT(*), "
            + "SUM(CASE WHEN d.returned_date < d.due_date THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN d.returned_date >= d.due_date AND d.returned_at <= d.due_at THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN d.returned_at > d.due_at THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN f.rating_class IS NOT NULL THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN f.rating_class = 'DISSATISFIED' OR d.complaints > 0 THEN 1 ELSE 0 END)";
    /** The roll-up columns holding the six figures of {@link #COUNTS}, summed. */
    public static final String SUMS = "SUM(returned), SUM(early), SUM(on_time), SUM(late), SUM(rated), "
            + "SUM(dissatisfied_or_complained)";

    /** An agency's month of returned dossiers: the unit a refresh recomputes. */
    public record Bucket(String agencyCode, String month) implements Comparable<Bucket> {
        @Override
        public int compareTo(Bucket o) {
            int c = month.compareTo(o.month);
            return c != 0 ? c : agencyCode.compareTo(o.agencyCode);
        }
    }

    /** What one refresh did. */
    public record Refreshed(int marks, int buckets) {
    }

    private static final int PAGE = 20_000;
    private static final int IN_LIST = 500;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    /** This instance's refreshes wait here, not on the database lock (H2 gives up on a row lock after a second). */
    private final ReentrantLock refreshing = new ReentrantLock();

    public DossierRollup(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Marks agency-months whose dossiers changed, in the caller's transaction (the import). */
    public void markBuckets(Collection<Bucket> buckets) {
        batch("INSERT INTO dossier_rollup_stale (agency_code, returned_month) VALUES (?, ?)", new TreeSet<>(buckets),
                (ps, b) -> {
                    ps.setString(1, b.agencyCode());
                    ps.setString(2, b.month());
                });
    }

    /**
     * Marks dossiers whose counted rating changed, in the caller's transaction (the ingest). By code, whether or
     * not the dossier is imported yet: its import may be committing at this moment, unseen by this transaction.
     */
    public void markDossiers(Collection<String> codes) {
        batch("INSERT INTO dossier_rollup_stale (dossier_code) VALUES (?)", new TreeSet<>(codes),
                (ps, code) -> ps.setString(1, code));
    }

    /**
     * Recomputes every marked agency-month, in its own transaction, one refresh at a time across server instances;
     * when no mark waits, one cheap look and nothing else. After it returns, the roll-ups hold every change
     * committed before it was called.
     */
    public Refreshed refresh() {
        if (!transactions.executeRead(status -> stale())) {
            return new Refreshed(0, 0);
        }
        refreshing.lock();
        try {
            return transactions.executeWrite(status -> refreshLocked());
        } finally {
            refreshing.unlock();
        }
    }

    private boolean stale() {
        return jdbc.prepareStatement("SELECT 1 FROM dossier_rollup_stale FETCH FIRST 1 ROWS ONLY", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private Refreshed refreshLocked() {
        jdbc.prepareStatement("SELECT name FROM rollup_lock WHERE name = 'dossier' FOR UPDATE", ps -> {
            ps.executeQuery().close();
            return null;
        });
        int marks = 0;
        int buckets = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            Set<Bucket> page = new TreeSet<>();
            List<String> codes = new ArrayList<>();
            jdbc.prepareStatement("SELECT id, dossier_code, agency_code, returned_month FROM dossier_rollup_stale "
                    + "ORDER BY id FETCH FIRST " + PAGE + " ROWS ONLY", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        if (rs.getString(2) != null) {
                            codes.add(rs.getString(2));
                        } else if (rs.getString(3) != null && rs.getString(4) != null) {
                            page.add(new Bucket(rs.getString(3), rs.getString(4)));
                        }
                    }
                }
                return null;
            });
            if (ids.isEmpty()) {
                return new Refreshed(marks, buckets);
            }
            page.addAll(bucketsOf(new TreeSet<>(codes)));
            recompute(page);
            for (List<Long> chunk : chunks(ids, IN_LIST)) {
                jdbc.prepareStatement("DELETE FROM dossier_rollup_stale WHERE id IN (" + placeholders(chunk.size()) + ")",
                        ps -> {
                            for (int i = 0; i < chunk.size(); i++) {
                                ps.setLong(i + 1, chunk.get(i));
                            }
                            return ps.executeUpdate();
                        });
            }
            marks += ids.size();
            buckets += page.size();
            if (ids.size() < PAGE) {
                return new Refreshed(marks, buckets);
            }
        }
    }

    /** The agency-months of those dossiers that are imported and returned (the others have no row to change). */
    private Set<Bucket> bucketsOf(Set<String> codes) {
        Set<Bucket> buckets = new TreeSet<>();
        for (List<String> chunk : chunks(new ArrayList<>(codes), IN_LIST)) {
            jdbc.prepareStatement("SELECT agency_code, returned_month FROM dossier WHERE returned_month IS NOT NULL "
                    + "AND code IN (" + placeholders(chunk.size()) + ")", ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        buckets.add(new Bucket(rs.getString(1), rs.getString(2)));
                    }
                }
                return null;
            });
        }
        return buckets;
    }

    /**
     * Deletes and rebuilds the rows of each agency-month (daily and monthly for the whole agency, weekly and monthly
     * per officer and per procedure), a month's agencies at a time.
     */
    private void recompute(Set<Bucket> buckets) {
        Map<String, List<String>> agenciesByMonth = new TreeMap<>();
        buckets.forEach(b -> agenciesByMonth.computeIfAbsent(b.month(), k -> new ArrayList<>()).add(b.agencyCode()));
        agenciesByMonth.forEach((month, agencies) -> {
            YearMonth ym = YearMonth.parse(month);
            LocalDate first = ym.atDay(1);
            LocalDate last = ym.atEndOfMonth();
            for (List<String> chunk : chunks(agencies, IN_LIST)) {
                String in = " AND d.agency_code IN (" + placeholders(chunk.size()) + ")";
                String source = " FROM dossier d LEFT JOIN rating f ON f.counted_dossier = d.code "
                        + "WHERE d.returned_date BETWEEN ? AND ?" + in;
                run("DELETE FROM dossier_rollup WHERE period_start BETWEEN ? AND ?"
                        + in.replace("d.agency_code", "agency_code"), first, last, chunk, null);
                run("INSERT INTO dossier_rollup SELECT 'ALL', 'D', d.returned_date, d.agency_code, '', " + COUNTS + source
                        + " GROUP BY d.returned_date, d.agency_code", first, last, chunk, null);
                run("INSERT INTO dossier_rollup SELECT 'ALL', 'M', CAST(? AS DATE), d.agency_code, '', " + COUNTS + source
                        + " GROUP BY d.agency_code", first, last, chunk, first);
                run("INSERT INTO dossier_rollup SELECT 'OFFICER', 'M', CAST(? AS DATE), d.agency_code, "
                        + "COALESCE(d.officer_id, ''), " + COUNTS + source + " GROUP BY d.agency_code, "
                        + "COALESCE(d.officer_id, '')", first, last, chunk, first);
                run("INSERT INTO dossier_rollup SELECT 'PROCEDURE', 'M', CAST(? AS DATE), d.agency_code, d.procedure_code, "
                        + COUNTS + source + " GROUP BY d.agency_code, d.procedure_code", first, last, chunk, first);
                for (String statement : weeks(ym, source)) {
                    run(statement, first, last, chunk, null);
                }
            }
        });
    }

    /**
     * The statements inserting one month's weekly rows per officer and per procedure ('W', period_start the first day
     * of a week cut at the month's ends, {@link Place#cutWeekOf}) from {@code source} (the month's dossiers joined to
     * their counted ratings). The weeks are a CASE over the returned day with the month's dates written in: H2 and
     * PostgreSQL share no function for "the Monday of a date", and a CASE with parameters would not be the same
     * expression in GROUP BY. (V17 maps the days through a work table instead, for every month at once.)
     */
    private static List<String> weeks(YearMonth month, String source) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate s = month.atDay(1); !s.isAfter(month.atEndOfMonth()); s = Place.cutWeekEnd(s).plusDays(1)) {
            starts.add(s);
        }
        StringBuilder week = new StringBuilder("CASE");
        for (int i = 1; i < starts.size(); i++) {
            week.append(" WHEN d.returned_date < DATE '").append(starts.get(i)).append("' THEN DATE '")
                    .append(starts.get(i - 1)).append('\'');
        }
        week.append(" ELSE DATE '").append(starts.get(starts.size() - 1)).append("' END");
        List<String> statements = new ArrayList<>();
        for (String[] dim : new String[][] {{"OFFICER", "COALESCE(d.officer_id, '')"}, {"PROCEDURE", "d.procedure_code"}}) {
            String key = week + ", d.agency_code, " + dim[1];
            statements.add("INSERT INTO dossier_rollup SELECT '" + dim[0] + "', 'W', " + key + ", " + COUNTS + source
                    + " GROUP BY " + key + " ORDER BY " + key);
        }
        return statements;
    }

    /** Runs a statement over one month of some agencies; {@code lead}, when given, is its first parameter. */
    private void run(String sql, LocalDate first, LocalDate last, List<String> agencies, LocalDate lead) {
        jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            if (lead != null) {
                ps.setObject(i++, lead);
            }
            ps.setObject(i++, first);
            ps.setObject(i++, last);
            for (String agency : agencies) {
                ps.setString(i++, agency);
            }
            return ps.executeUpdate();
        });
    }

    private interface Binder<T> {
        void bind(java.sql.PreparedStatement ps, T item) throws java.sql.SQLException;
    }

    private <T> void batch(String sql, Collection<T> items, Binder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, ps -> {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
