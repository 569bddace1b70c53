package vn.hailong.sync.backup;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.api.Problems;

/**
 * {@code POST /api/v1/admin/backup}: an online backup (sao lưu) of the embedded H2 database, taken by the
 * server itself, which holds the file: H2's {@code BACKUP TO} writes a consistent zip while terminals keep
 * syncing. On PostgreSQL the database is backed up with {@code pg_dump} instead (install/sync-backup.sh does).
 */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/backup")
public class BackupController {
    private static final Logger LOG = LoggerFactory.getLogger(BackupController.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final JdbcOperations jdbc;
    private final Path directory;
    private final Clock clock;

    public BackupController(JdbcOperations jdbc, @Value("${hailong.backup-dir}") String directory, Clock clock) {
        this.jdbc = jdbc;
        this.directory = Path.of(directory).toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** Where the backup is and how big. */
    @Serdeable
    public record Backup(String file, long bytes, String database, OffsetDateTime at) {
    }

    @Post
    @Transactional(readOnly = true)
    public HttpResponse<Backup> backup() throws IOException, SQLException {
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Connection connection = jdbc.getConnection();   // the transaction's: it closes it
        String product = connection.getMetaData().getDatabaseProductName();
        if (!"H2".equals(product)) {
            throw Problems.of(HttpStatus.CONFLICT, "Backup with the database's own tool",
                    "this server runs on " + product + ": back it up with pg_dump (install/sync-backup.sh does, "
                            + "installed as hailong-sync-backup); this endpoint backs up the embedded H2 database");
        }
        Files.createDirectories(directory);
        Path file = uniqueFile(at);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
        }
        long bytes = Files.size(file);
        LOG.info("database backed up to {} ({} bytes)", file, bytes);
        return HttpResponse.status(HttpStatus.CREATED).body(new Backup(file.toString(), bytes, "H2", at));
    }

    private Path uniqueFile(OffsetDateTime at) {
        String stem = "hailong-sync-" + NAME.format(at);
        Path file = directory.resolve(stem + ".zip");
        for (int i = 2; Files.exists(file); i++) {
            file = directory.resolve(stem + "-" + i + ".zip");
        }
        return file;
    }
}
