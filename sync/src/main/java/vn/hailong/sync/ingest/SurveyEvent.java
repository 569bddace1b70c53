package vn.hailong.sync.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A validated counter survey event (khảo sát tại quầy), with the terminal's defaults applied. */
public record SurveyEvent(String id, long seq, OffsetDateTime at, String agencyCode, String counter, String officerId,
                          String procedureCode, String dossierCode, Map<String, Integer> answers,
                          Map<String, Boolean> assessments, List<String> expectations) {
}
