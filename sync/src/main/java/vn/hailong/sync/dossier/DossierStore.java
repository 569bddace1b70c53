package vn.hailong.sync.dossier;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import vn.hailong.sync.api.LocalTime;

/** Dossier rows: importing a code again replaces the record. */
@Singleton
public class DossierStore {
    private final JdbcOperations jdbc;

    public DossierStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces or inserts these dossiers in one transaction. */
    @Transactional
    public void upsert(List<Dossier> dossiers, Instant now) {
        if (dossiers.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("DELETE FROM dossier WHERE code = ?", ps -> {
            for (Dossier d : dossiers) {
                ps.setString(1, d.code());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
        jdbc.prepareStatement("INSERT INTO dossier (code, agency_code, procedure_code, officer_id, received_at, due_at, "
                + "due_date, returned_at, returned_date, returned_month, complaints, exemption, apologies, steps, imported_at, "
                + "late_or_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    for (Dossier d : dossiers) {
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
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                });
    }
}
