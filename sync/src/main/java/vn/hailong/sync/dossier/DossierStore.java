package vn.hailong.sync.dossier;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.hailong.sync.StatementBatches;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.report.ApologyFindings;
import vn.hailong.sync.report.ApologyReport;
import vn.hailong.sync.rollup.DossierRollup;

/** Dossier rows: importing a code again replaces the record. */
@Singleton
public class DossierStore {
    private final JdbcOperations jdbc;
    private final StatementBatches batches;
    private final DossierRollup rollup;
    private final ApologyFindings apologyFindings;

    public DossierStore(JdbcOperations jdbc, StatementBatches batches, DossierRollup rollup,
                        ApologyFindings apologyFindings) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.rollup = rollup;
        this.apologyFindings = apologyFindings;
    }

    /**
     * Replaces or inserts these dossiers in one transaction, marking the agency-months each was returned in, before
     * and after, for the roll-ups, and storing the apology findings of those settled late.
     */
    @Transactional
    public void upsert(List<Dossier> dossiers, Instant now) {
        if (dossiers.isEmpty()) {
            return;
        }
        Set<DossierRollup.Bucket> buckets = new HashSet<>(storedBuckets(dossiers));
        for (Dossier d : dossiers) {
            if (d.returnedAt() != null) {
                buckets.add(new DossierRollup.Bucket(d.agencyCode(), LocalTime.localMonth(d.returnedAt())));
            }
        }
        rollup.markBuckets(buckets);
        ApologyFindings.Judged judged = apologyFindings.judgeSettled(dossiers.stream().map(d -> new ApologyReport.Row(d.code(),
                d.agencyCode(), d.officerId(), d.procedureCode(), d.dueAt(), LocalTime.localDate(d.dueAt()), d.returnedAt(),
                d.exemption(), d.apologiesJson(), d.stepsJson(), now.atOffset(ZoneOffset.UTC))).toList());
        batches.execute("DELETE FROM dossier WHERE code = ?", dossiers, (ps, d) -> ps.setString(1, d.code()));
        batches.insert("INSERT INTO dossier (code, agency_code, procedure_code, officer_id, received_at, due_at, "
                + "due_date, returned_at, returned_date, returned_month, complaints, exemption, apologies, steps, imported_at, "
                + "late_or_open, apology_judged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", dossiers,
                (ps, d) -> {
                ps.setString(1, d.code());
                ps.setString(2, d.agencyCode());
                ps.setString(3, d.procedureCode());
                ps.setString(4, d.officerId());
                ps.setObject(5, d.receivedAt().withOffsetSameInstant(ZoneOffset.UTC));
                ps.setObject(6, d.dueAt().withOffsetSameInstant(ZoneOffset.UTC));
                ps.setObject(7, LocalTime.localDate(d.dueAt()));
                if (d.returnedAt() == null) {
                    ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setNull(9, Types.DATE);
                    ps.setNull(10, Types.CHAR);
                } else {
                    ps.setObject(8, d.returnedAt().withOffsetSameInstant(ZoneOffset.UTC));
                    ps.setObject(9, LocalTime.localDate(d.returnedAt()));
                    ps.setString(10, LocalTime.localMonth(d.returnedAt()));
                }
                ps.setInt(11, d.complaints());
                ps.setString(12, d.exemption());
                ps.setString(13, d.apologiesJson());
                ps.setString(14, d.stepsJson());
                ps.setObject(15, now.atOffset(ZoneOffset.UTC));
                ps.setBoolean(16, d.returnedAt() == null || d.returnedAt().isAfter(d.dueAt()));
                ps.setBoolean(17, judged.findings().containsKey(d.code()));
                });
        apologyFindings.replace(dossiers.stream().map(Dossier::code).toList(), judged);
    }

    /** Where the stored versions of these dossiers were returned, if they were. */
    private List<DossierRollup.Bucket> storedBuckets(List<Dossier> dossiers) {
        return jdbc.prepareStatement("SELECT agency_code, returned_month FROM dossier WHERE returned_month IS NOT NULL "
                + "AND code IN (" + String.join(", ", Collections.nCopies(dossiers.size(), "?")) + ")", ps -> {
                    for (int i = 0; i < dossiers.size(); i++) {
                        ps.setString(i + 1, dossiers.get(i).code());
                    }
                    List<DossierRollup.Bucket> buckets = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            buckets.add(new DossierRollup.Bucket(rs.getString(1), rs.getString(2)));
                        }
                    }
                    return buckets;
                });
    }
}
