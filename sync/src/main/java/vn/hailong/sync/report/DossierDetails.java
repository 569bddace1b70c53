package vn.hailong.sync.report;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.hailong.sync.rules.Rules;

/**
 * One dossier (hồ sơ) as the reports see it: the imported record, its timeliness (the dossiers report's rule),
 * its apology letters and processing steps, the apology report's finding as of an instant, and the rating that
 * counts for it (the one the response rate and the 766 rate use). Re-ratings are not listed: finding them would
 * need an index on every rating's dossier code, which the ingest was made cheaper by dropping (V7).
 */
@Singleton
public class DossierDetails {
    private final JdbcOperations jdbc;
    private final ApologyReport apology;
    private final JsonMapper json;

    public DossierDetails(JdbcOperations jdbc, ApologyReport apology, JsonMapper json) {
        this.jdbc = jdbc;
        this.apology = apology;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Optional<Map<String, Object>> find(String code, OffsetDateTime asOf, Rules rules) {
        Optional<Map<String, Object>> record = jdbc.prepareStatement("SELECT code, agency_code, procedure_code, officer_id, "
                + "received_at, due_at, due_date, returned_at, returned_date, complaints, exemption, apologies, steps, "
                + "imported_at FROM dossier WHERE code = ?", ps -> {
                    ps.setString(1, code);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(record(rs)) : Optional.<Map<String, Object>>empty();
                    }
                });
        record.ifPresent(d -> {
            d.put("asOf", asOf.toString());
            d.put("apology", apology.finding(code, asOf, rules).map(f -> {
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("responsibleAgency", f.responsibleAgency());
                finding.put("flags", f.flags());
                return finding;
            }).orElse(null));
            d.put("countedRating", countedRating(code));
        });
        return record;
    }

    private Map<String, Object> record(ResultSet rs) throws SQLException {
        OffsetDateTime due = rs.getObject(6, OffsetDateTime.class);
        OffsetDateTime returned = rs.getObject(8, OffsetDateTime.class);
        LocalDate dueDate = rs.getObject(7, LocalDate.class);
        LocalDate returnedDate = rs.getObject(9, LocalDate.class);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", rs.getString(1));
        d.put("agencyCode", rs.getString(2));
        d.put("procedureCode", rs.getString(3));
        d.put("officerId", rs.getString(4));
        d.put("receivedAt", instant(rs.getObject(5, OffsetDateTime.class)));
        d.put("dueAt", instant(due));
        d.put("returnedAt", instant(returned));
        // as the dossiers report counts it: early is a day before the due date, late is after the due instant
        d.put("timeliness", returned == null ? "OPEN" : returnedDate.isBefore(dueDate) ? "EARLY"
                : returned.isAfter(due) ? "LATE" : "ON_TIME");
        d.put("complaints", rs.getInt(10));
        d.put("exemption", rs.getString(11));
        d.put("apologies", array(rs.getString(12)));
        d.put("steps", array(rs.getString(13)));
        d.put("importedAt", instant(rs.getObject(14, OffsetDateTime.class)));
        return d;
    }

    private Map<String, Object> countedRating(String code) {
        return jdbc.prepareStatement("SELECT event_id, terminal_id, seq, at_instant, counter_code, officer_id, scale, "
                + "rating_value, rating_class, channel, reasons FROM rating WHERE counted_dossier = ?", ps -> {
                    ps.setString(1, code);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return null;
                        }
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("eventId", rs.getString(1));
                        r.put("terminalId", rs.getString(2));
                        r.put("seq", rs.getLong(3));
                        r.put("at", instant(rs.getObject(4, OffsetDateTime.class)));
                        r.put("counter", rs.getString(5));
                        r.put("officerId", rs.getString(6));
                        r.put("scale", rs.getInt(7));
                        r.put("value", rs.getInt(8));
                        r.put("ratingClass", rs.getString(9));
                        r.put("channel", rs.getString(10));
                        String reasons = rs.getString(11);
                        r.put("reasons", reasons == null ? List.of() : List.of(reasons.split(",")));
                        return r;
                    }
                });
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    /** The stored JSON array (checked at import) as plain lists and maps. */
    private List<Object> array(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(text, Argument.listOf(Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("stored apologies or steps of a dossier do not parse", e);
        }
    }
}
