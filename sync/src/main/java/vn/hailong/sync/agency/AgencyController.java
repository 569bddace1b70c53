package vn.hailong.sync.agency;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.api.Identifiers;
import vn.hailong.sync.api.Problems;

/**
 * {@code PUT /api/v1/admin/agencies}: upserts the agency tree (cơ quan, mã định danh). A report for an agency
 * covers it and every descendant, so the tree must stay a tree: a change that makes a cycle is refused whole.
 */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/agencies")
public class AgencyController {
    private static final Logger LOG = LoggerFactory.getLogger(AgencyController.class);
    private final JdbcOperations jdbc;

    public AgencyController(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Serdeable
    public record Agency(@Nullable String code, @Nullable String name, @Nullable String parentCode) {
    }

    @Serdeable
    public record Upserted(int upserted, int total) {
    }

    @Put
    @Transactional
    public Upserted upsert(@Body List<Agency> agencies) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < agencies.size(); i++) {
            Agency a = agencies.get(i);
            String field = "[" + i + "]";
            if (!Identifiers.isOpaque(a.code())) {
                throw Problems.invalid(field + ".code", Identifiers.opaqueRule() + " (for example 000.00.15.H12)");
            }
            if (!seen.add(a.code())) {
                throw Problems.invalid(field + ".code", a.code() + " appears twice");
            }
            if (a.name() == null || a.name().isBlank() || a.name().length() > 300) {
                throw Problems.invalid(field + ".name", "is required, at most 300 characters");
            }
            if (a.parentCode() != null && !Identifiers.isOpaque(a.parentCode())) {
                throw Problems.invalid(field + ".parentCode", Identifiers.opaqueRule());
            }
            if (a.code().equals(a.parentCode())) {
                throw Problems.invalid(field + ".parentCode", "an agency cannot be its own parent");
            }
        }
        for (Agency a : agencies) {
            jdbc.prepareStatement("DELETE FROM agency WHERE code = ?", ps -> {
                ps.setString(1, a.code());
                return ps.executeUpdate();
            });
            jdbc.prepareStatement("INSERT INTO agency (code, name, parent_code) VALUES (?, ?, ?)", ps -> {
                ps.setString(1, a.code());
                ps.setString(2, a.name());
                ps.setString(3, a.parentCode());
                return ps.executeUpdate();
            });
        }
        Map<String, String> parents = jdbc.prepareStatement("SELECT code, parent_code FROM agency", ps -> {
            Map<String, String> map = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    map.put(rs.getString(1), rs.getString(2));
                }
            }
            return map;
        });
        for (String start : parents.keySet()) {
            Set<String> path = new HashSet<>();
            for (String at = start; at != null; at = parents.get(at)) {
                if (!path.add(at)) {
                    // thrown inside the transaction: nothing of this request is kept
                    throw Problems.invalid("parentCode", "these parents make a cycle through " + at
                            + ": a report for it would never end");
                }
            }
        }
        LOG.info("agency tree: {} upserted, {} in all", agencies.size(), parents.size());
        return new Upserted(agencies.size(), parents.size());
    }
}
