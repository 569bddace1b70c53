package vn.hailong.sync.rollup;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The statement that adds to a roll-up row, creating it when missing: {@code INSERT ... ON CONFLICT DO UPDATE} on
 * PostgreSQL (atomic under concurrency), a standard MERGE on H2 (a concurrent insert of the same new row ends in
 * a unique violation, and the batch is applied again).
 */
final class Upsert {
    private Upsert() {
    }

    static String sql(boolean postgres, String table, List<String> keys, List<String> sums) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(sums);
        String columns = String.join(", ", all);
        if (postgres) {
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + String.join(", ",
                    java.util.Collections.nCopies(all.size(), "?")) + ") ON CONFLICT (" + String.join(", ", keys)
                    + ") DO UPDATE SET " + sums.stream().map(c -> c + " = " + table + "." + c + " + EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
        }
        String casts = keys.stream().map(c -> "CAST(? AS " + (c.equals("period_start") ? "DATE" : "VARCHAR(100)") + ")")
                .collect(Collectors.joining(", ")) + ", " + sums.stream().map(c -> "CAST(? AS BIGINT)")
                .collect(Collectors.joining(", "));
        return "MERGE INTO " + table + " t USING (VALUES (" + casts + ")) s (" + columns + ") ON "
                + keys.stream().map(c -> "t." + c + " = s." + c).collect(Collectors.joining(" AND "))
                + " WHEN MATCHED THEN UPDATE SET " + sums.stream().map(c -> c + " = t." + c + " + s." + c)
                .collect(Collectors.joining(", "))
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES ("
                + all.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }
}
