package vn.hailong.sync.dossier;

import java.time.OffsetDateTime;

/**
 * A dossier record (hồ sơ) from the one-stop information system, domain.md §4. {@code apologies} and {@code steps}
 * are kept as the JSON arrays they came in (checked), read by the apology report.
 */
public record Dossier(String code, String agencyCode, String procedureCode, String officerId, OffsetDateTime receivedAt,
                      OffsetDateTime dueAt, OffsetDateTime returnedAt, int complaints, String exemption,
                      String apologiesJson, String stepsJson) {
}
