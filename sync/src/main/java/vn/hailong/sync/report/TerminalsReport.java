package vn.hailong.sync.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per terminal: where it is, when it was last heard from, its backlog and panel (last heartbeat), how far its
 * events are stored without a gap, which seq ranges are missing beyond that, and its clock skew.
 */
@Singleton
public class TerminalsReport {
    private final JdbcOperations jdbc;
    private final AgencySubtree subtree;

    public TerminalsReport(JdbcOperations jdbc, AgencySubtree subtree) {
        this.subtree = subtree;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Map<String, Object>> rows(String agency) {
        String sql = "SELECT terminal_id, agency_code, counter_code, revoked, last_seen, last_batch_at, pending_events, "
                + "panel_state, highest_contiguous_seq, clock_skew_seconds FROM terminal"
                + " WHERE 1 = 1" + subtree.condition(agency, "agency_code") + " ORDER BY terminal_id";
        List<Map<String, Object>> rows = jdbc.prepareStatement(sql, ps -> {
            List<Map<String, Object>> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("terminalId", rs.getString(1));
                    row.put("agencyCode", rs.getString(2));
                    row.put("counter", rs.getString(3));
                    row.put("revoked", rs.getBoolean(4));
                    OffsetDateTime heartbeat = rs.getObject(5, OffsetDateTime.class);
                    OffsetDateTime batch = rs.getObject(6, OffsetDateTime.class);
                    OffsetDateTime seen = heartbeat == null ? batch
                            : batch == null || heartbeat.isAfter(batch) ? heartbeat : batch;
                    row.put("lastSeen", seen == null ? null : seen.toString());
                    long pending = rs.getLong(7);
                    row.put("pending", rs.wasNull() ? null : pending);
                    row.put("panel", rs.getString(8));
                    row.put("highestContiguousSeq", rs.getLong(9));
                    long skew = rs.getLong(10);
                    row.put("clockSkewSeconds", rs.wasNull() ? null : skew);
                    list.add(row);
                }
            }
            return list;
        });
        Map<String, List<Long>> beyond = seqsBeyondContiguous(agency);
        for (Map<String, Object> row : rows) {
            row.put("gaps", gaps((Long) row.get("highestContiguousSeq"),
                    beyond.getOrDefault((String) row.get("terminalId"), List.of())));
        }
        return rows;
    }

    /**
     * The seqs stored above the contiguous prefix of every terminal that has any (its highest seq, kept at ingest,
     * is beyond the prefix), in one query: not one per terminal (2,000 round trips, 1.8 s on PostgreSQL), and not
     * a join over every terminal's events (1.3 s at 3 million events).
     */
    private Map<String, List<Long>> seqsBeyondContiguous(String agency) {
        String sql = "SELECT e.terminal_id, e.seq FROM terminal t JOIN sync_event e ON e.terminal_id = t.terminal_id "
                + "AND e.seq > t.highest_contiguous_seq WHERE t.highest_seq > t.highest_contiguous_seq"
                + subtree.condition(agency, "t.agency_code")
                + " ORDER BY e.terminal_id, e.seq";
        return jdbc.prepareStatement(sql, ps -> {
            Map<String, List<Long>> seqs = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
            return seqs;
        });
    }

    /** Missing seq ranges after the contiguous prefix: what the terminal has not delivered yet, or lost. */
    private static List<Map<String, Long>> gaps(long contiguous, List<Long> seqs) {
        List<Map<String, Long>> gaps = new ArrayList<>();
        long expected = contiguous + 1;
        for (long seq : seqs) {
            if (seq > expected) {
                Map<String, Long> gap = new LinkedHashMap<>();
                gap.put("from", expected);
                gap.put("to", seq - 1);
                gaps.add(gap);
            }
            expected = seq + 1;
        }
        return gaps;
    }
}
