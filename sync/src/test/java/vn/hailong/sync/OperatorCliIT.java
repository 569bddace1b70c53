package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands of the packaged server jar, on an H2 file of their own. */
class OperatorCliIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        return runLoggingAs("TEXT", args);
    }

    private Run runLoggingAs(String logFormat, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 3];
        command[0] = java;
        command[1] = "-jar";
        command[2] = Path.of("target", "hailong-sync.jar").toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 3, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("HAILONG_LOG_FORMAT", logFormat);
        // as installed: the documented configuration file, with the environment overriding its values
        pb.environment().put("MICRONAUT_CONFIG_FILES", Path.of("..", "install", "sync.yml").toAbsolutePath().toString());
        pb.environment().put("HAILONG_DB_URL", "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command ends");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    @Test
    void importsDossiersAndReportsApologyComplianceFromTheShell() throws Exception {
        Path csv = dir.resolve("dossiers.csv");
        Files.writeString(csv, "code,agencyCode,procedureCode,receivedAt,dueAt,returnedAt\n"
                + "X1,A1,p1,2026-06-01T08:00:00+07:00,2026-06-15T17:00:00+07:00,2026-06-16T09:00:00+07:00\n"
                + "X2,A1,p1,bad,2026-06-15T17:00:00+07:00,\n", StandardCharsets.UTF_8);
        Run imported = runLoggingAs("JSON", "import", "dossiers", csv.toString());
        assertEquals(1, imported.exit(), "one row was rejected: " + imported.err());
        assertTrue(imported.out().startsWith("{\"imported\":1,\"rejected\":[{\"code\":\"X2\",\"row\":3,\"field\":\"receivedAt\""),
                "only the result on standard output: " + imported.out());
        // HAILONG_LOG_FORMAT=JSON: every log line is one JSON object; the import summary carries its figures as fields
        String[] logLines = imported.err().strip().split("\n");
        assertTrue(logLines.length > 0 && java.util.Arrays.stream(logLines).allMatch(l -> l.startsWith("{") && l.endsWith("}")),
                imported.err());
        assertTrue(imported.err().contains("\"level\":\"INFO\"") && imported.err().contains("{\"stored\":\"1\"}")
                && imported.err().contains("\"formattedMessage\":\"dossier import done: 1 stored, 1 rejected, of 2\""),
                imported.err());

        Run report = run("report", "apology", "--from", "2026-06-01", "--to", "2026-06-30");
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().contains("\"late\":1") && report.out().contains("X1\tA1\tMISSING_APOLOGY"), report.out());

        Run wrong = run("report", "apology", "--from", "June");
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("from: must be a date YYYY-MM-DD"), wrong.err());
        assertEquals(1, run("import", "dossiers", dir.resolve("missing.csv").toString()).exit());
    }
}
