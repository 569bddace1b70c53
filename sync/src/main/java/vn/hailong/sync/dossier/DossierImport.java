package vn.hailong.sync.dossier;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.rollup.DossierRollup;

/**
 * Imports dossier records as JSON or CSV: each record is judged alone (a bad one names its row and field and
 * the rest go in), stored in chunks, with progress in the log for large files.
 */
@Singleton
public class DossierImport {
    private static final Logger LOG = LoggerFactory.getLogger(DossierImport.class);
    private static final int CHUNK = 1000;
    private static final Set<String> JSON_CELLS = Set.of("apologies", "steps");

    private final DossierParser parser;
    private final DossierStore store;
    private final DossierRollup rollup;
    private final JsonMapper json;
    private final Clock clock;

    public DossierImport(DossierParser parser, DossierStore store, DossierRollup rollup, JsonMapper json, Clock clock) {
        this.parser = parser;
        this.store = store;
        this.rollup = rollup;
        this.json = json;
        this.clock = clock;
    }

    @Serdeable
    public record Rejected(String code, Integer row, String field, String reason) {
    }

    @Serdeable
    public record Result(int imported, List<Rejected> rejected) {
    }

    public Result fromJson(byte[] body) {
        JsonNode root;
        try {
            root = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw Problems.invalid("body", "is not valid JSON: send an array of dossiers, or CSV with Content-Type text/csv");
        }
        if (root == null || !root.isArray()) {
            throw Problems.invalid("body", "must be a JSON array of dossiers");
        }
        List<JsonNode> records = new ArrayList<>();
        root.values().forEach(records::add);
        return run(records, false);
    }

    public Result fromCsv(byte[] body) {
        List<List<String>> rows = CsvRows.parse(new String(body, StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw Problems.invalid("body", "is empty: the first row names the fields (code,agencyCode,...)");
        }
        List<String> header = rows.get(0);
        if (!header.contains("code")) {
            throw Problems.invalid("header", "must name the fields of domain.md §4, starting with code; got " + header);
        }
        List<JsonNode> records = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            records.add(node(header, rows.get(r)));
        }
        return run(records, true);
    }

    /** A CSV row as the JSON object it stands for: JSON cells parsed, complaints a number, empty cells absent. */
    private JsonNode node(List<String> header, List<String> cells) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
            String name = header.get(i).trim();
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            if (JSON_CELLS.contains(name)) {
                try {
                    fields.put(name, json.readValue(cell, Argument.of(JsonNode.class)));
                } catch (IOException | RuntimeException e) {
                    fields.put(name, JsonNode.createStringNode(cell));   // the parser then says it is not an array
                }
            } else if (name.equals("complaints") && cell.matches("-?\\d{1,9}")) {
                fields.put(name, JsonNode.createNumberNode(Integer.parseInt(cell)));
            } else {
                fields.put(name, JsonNode.createStringNode(cell));
            }
        }
        return JsonNode.createObjectNode(fields);
    }

    private Result run(List<JsonNode> records, boolean csv) {
        List<Rejected> rejected = new ArrayList<>();
        List<Dossier> chunk = new ArrayList<>(CHUNK);
        int imported = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            // CSV rows count from 2 (row 1 is the header); JSON records from 0, as array indices
            int row = csv ? i + 2 : i;
            try {
                chunk.add(parser.parse(record));
            } catch (DossierParser.Invalid e) {
                JsonNode code = record != null && record.isObject() ? record.get("code") : null;
                rejected.add(new Rejected(code != null && code.isString() ? code.getStringValue() : null, row, e.field,
                        e.getMessage()));
            }
            if (chunk.size() == CHUNK) {
                store.upsert(chunk, clock.instant());
                imported += chunk.size();
                chunk.clear();
                if (imported % 10_000 == 0) {
                    LOG.atInfo().addKeyValue("stored", imported).addKeyValue("records", records.size())
                            .addKeyValue("rejected", rejected.size())
                            .log("dossier import: {} of {} records stored, {} rejected", imported, records.size(),
                                    rejected.size());
                }
            }
        }
        store.upsert(chunk, clock.instant());
        imported += chunk.size();
        // the report's roll-ups now, not at the first report; the stored chunks are marked, so if this fails the next
        // report or the background refresh does it, and the import (already stored) is not reported as failed
        long refreshStart = System.nanoTime();
        try {
            DossierRollup.Refreshed refreshed = rollup.refresh();
            LOG.atInfo().addKeyValue("buckets", refreshed.buckets())
                    .log("dossier roll-ups: {} agency-months recomputed in {} ms", refreshed.buckets(),
                            (System.nanoTime() - refreshStart) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("dossier roll-ups not refreshed after the import ({}); the next report or refresh will", e.toString());
        }
        LOG.atInfo().addKeyValue("stored", imported).addKeyValue("records", records.size())
                .addKeyValue("rejected", rejected.size()).addKeyValue("done", true)
                .log("dossier import done: {} stored, {} rejected, of {}", imported, rejected.size(), records.size());
        return new Result(imported, rejected);
    }
}
