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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.StatementBatches;

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
    /** The roll-up columns holding the six figures of {@link #COUNTS}, in that order. */
    public static final List<String> SUMS = List.of("returned", "early", "on_time", "late", "rated",
            "dissatisfied_or_complained");

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

    private static final Logger LOG = LoggerFactory.getLogger(DossierRollup.class);
    /** A refresh taking this long is logged at INFO. */
    private static final long SLOW_MS = 1_000;
    private static final int PAGE = 20_000;
    private static final int IN_LIST = 500;

    private final JdbcOperations jdbc;
    private final StatementBatches batches;
    private final TransactionOperations<Connection> transactions;
    /** This instance's refreshes wait here, not on the database lock (H2 gives up on a row lock after a second). */
    private final ReentrantLock refreshing = new ReentrantLock();

    public DossierRollup(JdbcOperations jdbc, StatementBatches batches, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
    }

    /** Marks agency-months whose dossiers changed, in the caller's transaction (the import). */
    public void markBuckets(Collection<Bucket> buckets) {
        batches.insert("INSERT INTO dossier_rollup_stale (agency_code, returned_month) VALUES (?, ?)",
                new TreeSet<>(buckets), (ps, b) -> {
                    ps.setString(1, b.agencyCode());
                    ps.setString(2, b.month());
                });
    }

    /**
     * Marks dossiers whose counted rating changed, in the caller's transaction (the ingest). By code, whether or
     * not the dossier is imported yet: its import may be committing at this moment, unseen by this transaction.
     */
    public void markDossiers(Collection<String> codes) {
        batches.insert("INSERT INTO dossier_rollup_stale (dossier_code) VALUES (?)", new TreeSet<>(codes),
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
            long start = System.nanoTime();
            Refreshed done = transactions.executeWrite(status -> refreshLocked());
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (done.marks() > 0) {
                // after a large import this takes a while (a million dossiers: 93 s on PostgreSQL), and reports
                // wait for it: say so where operators look
                String message = "dossier roll-ups: {} marks taken in, {} agency-months recomputed in {} ms";
                if (ms >= SLOW_MS) {
                    LOG.info(message, done.marks(), done.buckets(), ms);
                } else {
                    LOG.debug(message, done.marks(), done.buckets(), ms);
                }
            }
            return done;
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
     * per officer and per procedure), a month's agencies at a time. The month's dossiers, joined to their counted
     * ratings, are read once, summed by the database per day, agency, officer and procedure; every roll-up row is
     * a sum of those sums. (A statement per kind of row read the month seven times: two months of a million
     * dossiers' province took 38-47 s on PostgreSQL that way, 27 s before the weekly rows; read once, 9 s.)
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
                run("DELETE FROM dossier_rollup WHERE period_start BETWEEN ? AND ?"
                        + in.replace("d.agency_code", "agency_code"), first, last, chunk);
                Map<Place.Row, long[]> rows = new TreeMap<>();
                jdbc.prepareStatement("SELECT d.returned_date, d.agency_code, COALESCE(d.officer_id, ''), d.procedure_code, "
                        + COUNTS + " FROM dossier d LEFT JOIN rating f ON f.counted_dossier = d.code "
                        + "WHERE d.returned_date BETWEEN ? AND ?" + in
                        + " GROUP BY d.returned_date, d.agency_code, COALESCE(d.officer_id, ''), d.procedure_code", ps -> {
                            bind(ps, first, last, chunk);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    long[] counts = new long[6];
                                    for (int i = 0; i < 6; i++) {
                                        counts[i] = rs.getLong(5 + i);
                                    }
                                    addTo(rows, rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                                            rs.getString(4), counts);
                                }
                            }
                            return null;
                        });
                batches.insert("INSERT INTO dossier_rollup (dimension, period_kind, period_start, agency_code, dim_key, "
                        + "returned, early, on_time, late, rated, dissatisfied_or_complained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows.entrySet(), (ps, row) -> {
                            row.getKey().bind(ps, 1);
                            for (int i = 0; i < 6; i++) {
                                ps.setLong(6 + i, row.getValue()[i]);
                            }
                        });
            }
        });
    }

    /**
     * Adds the counts of one day's dossiers of an agency, officer ('' for none) and procedure to the rows they
     * fall in: the agency's day and month, the officer's and the procedure's month and week cut at month ends
     * ({@link Place#cutWeekOf}: a row lies in one month, the unit recomputed).
     */
    private static void addTo(Map<Place.Row, long[]> rows, LocalDate day, String agency, String officer,
                              String procedure, long[] counts) {
        LocalDate month = day.withDayOfMonth(1);
        LocalDate week = Place.cutWeekOf(day);
        for (Place.Row row : List.of(new Place.Row("ALL", "D", day, agency, ""), new Place.Row("ALL", "M", month, agency, ""),
                new Place.Row("OFFICER", "M", month, agency, officer), new Place.Row("OFFICER", "W", week, agency, officer),
                new Place.Row("PROCEDURE", "M", month, agency, procedure),
                new Place.Row("PROCEDURE", "W", week, agency, procedure))) {
            long[] sum = rows.computeIfAbsent(row, k -> new long[6]);
            for (int i = 0; i < 6; i++) {
                sum[i] += counts[i];
            }
        }
    }

    /** Runs a statement over one month of some agencies. */
    private void run(String sql, LocalDate first, LocalDate last, List<String> agencies) {
        jdbc.prepareStatement(sql, ps -> {
            bind(ps, first, last, agencies);
            return ps.executeUpdate();
        });
    }

    /** Sets a month's first and last day, then the agencies, from the first parameter on. */
    private static void bind(java.sql.PreparedStatement ps, LocalDate first, LocalDate last, List<String> agencies)
            throws java.sql.SQLException {
        ps.setObject(1, first);
        ps.setObject(2, last);
        for (int i = 0; i < agencies.size(); i++) {
            ps.setString(3 + i, agencies.get(i));
        }
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
