package vn.hailong.sync.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * The province the benchmarks at scale load: a tree of 500 agencies (the province, 20 departments, 479 leaves),
 * and dossiers over two years from 2025-01-01, 8 % late, half of the late ones passing through two agencies, two
 * thirds of the late ones with an apology letter. Written by plain JDBC, 10,000 rows a transaction.
 */
final class ProvinceFixture {
    static final int AGENCIES = 500;
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    static final int DAYS = 730;
    static final ZoneOffset VN = ZoneOffset.ofHours(7);

    private ProvinceFixture() {
    }

    static String leaf(int i) {
        return "A" + i;
    }

    /**
     * Leaves the loaded rows as a running database would hold them, with the transaction committed: on PostgreSQL
     * vacuumed and analysed, as autovacuum does after a large insert (the PostgreSQL of this machine runs with
     * {@code autovacuum = off}; unvacuumed, every first read of a page writes its hint bits and no index-only scan
     * is possible: a first 10-million-event run read 2-5 times slower), on H2 analysed.
     */
    static void settle(Connection c) throws Exception {
        c.commit();
        boolean postgres = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
        c.setAutoCommit(true);   // VACUUM cannot run inside a transaction
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(postgres ? "VACUUM (ANALYZE)" : "ANALYZE");
        } finally {
            c.setAutoCommit(false);
        }
    }

    static void agencies(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agency (code, name, parent_code) VALUES (?, ?, ?)")) {
            ps.setString(1, "P");
            ps.setString(2, "Tỉnh");
            ps.setString(3, null);
            ps.addBatch();
            for (int d = 0; d < 20; d++) {
                ps.setString(1, "D" + d);
                ps.setString(2, "Sở " + d);
                ps.setString(3, "P");
                ps.addBatch();
            }
            for (int a = 0; a < AGENCIES - 21; a++) {
                ps.setString(1, leaf(a));
                ps.setString(2, "Cơ quan " + a);
                ps.setString(3, "D" + (a % 20));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }

    /** The dossier table's secondary indexes as the migrations leave them on H2: name, then columns. */
    private static final String[][] H2_DOSSIER_INDEXES = {
        {"ix_dossier_returned_date", "returned_date"},
        {"ix_dossier_due_date", "due_date"},
        {"ix_dossier_agency_returned", "agency_code, returned_date"},
        {"ix_dossier_late_or_open", "late_or_open, apology_judged, due_date"},
    };

    /**
     * {@link #dossiers}, with the table's secondary indexes dropped for the load and built again after it: H2
     * updates each index row by row (a million dossiers took 232-289 s), and builds a new one by sorting. PostgreSQL
     * gives each index's own statement ({@code pg_indexes}), so its covering indexes (V23) come back as they were.
     */
    static void dossiersWithoutIndexes(Connection c, Random random, int count) throws Exception {
        java.util.Map<String, String> statements = new java.util.TreeMap<>();
        if (c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT indexname, "
                    + "indexdef FROM pg_indexes WHERE tablename = 'dossier' AND indexname <> 'dossier_pkey'")) {
                while (rs.next()) {
                    statements.put(rs.getString(1), rs.getString(2));
                }
            }
        } else {
            for (String[] index : H2_DOSSIER_INDEXES) {
                statements.put(index[0], "CREATE INDEX " + index[0] + " ON dossier (" + index[1] + ")");
            }
        }
        if (!statements.keySet().equals(secondaryIndexes(c))) {
            throw new IllegalStateException("the dossier table's indexes are " + secondaryIndexes(c) + ", not "
                    + statements.keySet() + ": update ProvinceFixture.H2_DOSSIER_INDEXES after a migration's change");
        }
        try (java.sql.Statement s = c.createStatement()) {
            for (String index : statements.keySet()) {
                s.execute("DROP INDEX " + index);
            }
            c.commit();
            dossiers(c, random, count);
            for (String statement : statements.values()) {
                s.execute(statement);
            }
            c.commit();
        }
    }

    private static java.util.Set<String> secondaryIndexes(Connection c) throws Exception {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String table : new String[] {"DOSSIER", "dossier"}) {
            try (java.sql.ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null && rs.getBoolean("NON_UNIQUE")) {
                        names.add(name.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

    static void dossiers(Connection c, Random random, int count) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dossier (code, agency_code, procedure_code, officer_id, "
                + "received_at, due_at, due_date, returned_at, returned_date, returned_month, complaints, exemption, "
                + "apologies, steps, imported_at, late_or_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < count; i++) {
                int a = random.nextInt(AGENCIES - 21);
                OffsetDateTime received = FIRST_DAY.plusDays(random.nextInt(DAYS - 20)).atTime(8, 0).atOffset(VN);
                OffsetDateTime due = received.plusDays(7).withHour(17);
                boolean late = random.nextInt(100) < 8;
                OffsetDateTime returned = late ? due.plusDays(1 + random.nextInt(5)) : due.minusDays(random.nextInt(5));
                boolean chain = late && random.nextBoolean();
                String apology = late && random.nextInt(3) > 0 ? "[{\"issuedAt\":\"" + due.minusDays(2) + "\",\"agencyCode\":\""
                        + leaf(a) + "\",\"reason\":\"quá tải\",\"newDueAt\":\"" + returned.plusHours(1) + "\"}]" : null;
                String steps = chain ? "[{\"agencyCode\":\"" + leaf(a) + "\",\"receivedAt\":\"" + received + "\",\"dueAt\":\""
                        + received.plusDays(3) + "\",\"completedAt\":\"" + received.plusDays(2) + "\"},{\"agencyCode\":\""
                        + leaf((a + 1) % (AGENCIES - 21)) + "\",\"receivedAt\":\"" + received.plusDays(2) + "\",\"dueAt\":\""
                        + due + "\",\"completedAt\":\"" + returned + "\"}]" : null;
                ps.setString(1, "HS-" + i);
                ps.setString(2, leaf(a));
                ps.setString(3, "2.0" + (a % 37) + "." + random.nextInt(12));
                ps.setString(4, "cb" + a + "-" + random.nextInt(3));
                ps.setObject(5, received.withOffsetSameInstant(ZoneOffset.UTC));
                ps.setObject(6, due.withOffsetSameInstant(ZoneOffset.UTC));
                ps.setObject(7, due.toLocalDate());
                ps.setObject(8, returned.withOffsetSameInstant(ZoneOffset.UTC));
                ps.setObject(9, returned.toLocalDate());
                ps.setString(10, returned.toString().substring(0, 7));
                ps.setString(11, apology);
                ps.setString(12, steps);
                ps.setObject(13, now);
                ps.setBoolean(14, late);
                ps.addBatch();
                if (i % 10_000 == 9_999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
