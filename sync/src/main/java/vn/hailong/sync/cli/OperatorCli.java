package vn.hailong.sync.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.hailong.sync.api.ApiProblem;
import vn.hailong.sync.api.LocalTime;
import vn.hailong.sync.dossier.DossierImport;
import vn.hailong.sync.report.ApologyReport;
import vn.hailong.sync.report.ReportQuery;
import vn.hailong.sync.rules.Rules;
import vn.hailong.sync.rules.RulesStore;

/**
 * The operator's shell commands in the server jar, working on the server's database directly (the same
 * HAILONG_DB_URL): {@code import dossiers FILE.csv|FILE.json} and {@code report apology --from D --to D}.
 */
public final class OperatorCli {
    static final String USAGE = String.join("\n",
            "usage: java -jar hailong-sync.jar                 runs the server",
            "       java -jar hailong-sync.jar import dossiers FILE.csv|FILE.json",
            "       java -jar hailong-sync.jar report apology --from YYYY-MM-DD --to YYYY-MM-DD [--agency CODE] [--as-of INSTANT]");

    private OperatorCli() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("import") || args[0].equals("report") || args[0].equals("help"));
    }

    /** Runs a command; the exit status: 0 done, 1 failed, 2 wrong usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args[0].equals("help")) {
            out.println(USAGE);
            return 0;
        }
        if (args.length < 2 || !(args[0].equals("import") && args[1].equals("dossiers") && args.length == 3
                || args[0].equals("report") && args[1].equals("apology"))) {
            err.println(USAGE);
            return 2;
        }
        ReportQuery query = null;
        OffsetDateTime asOf = null;
        try {
            if (args[0].equals("report")) {
                Map<String, String> options = options(args, 2);
                query = ReportQuery.parse(options.get("from"), options.get("to"), options.get("agency"), null, null, null);
                asOf = options.containsKey("as-of") ? LocalTime.parseInstant(options.get("as-of")).orElseThrow(() ->
                        new IllegalArgumentException("--as-of must be an ISO-8601 instant with an offset"))
                        : OffsetDateTime.now(ZoneOffset.UTC);
            }
        } catch (ApiProblem | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("micronaut.server.port", -1))
                .start()) {
            JsonMapper json = context.getBean(JsonMapper.class);
            if (args[0].equals("import")) {
                Path file = Path.of(args[2]);
                byte[] body = Files.readAllBytes(file);
                DossierImport importer = context.getBean(DossierImport.class);
                DossierImport.Result result = args[2].toLowerCase().endsWith(".json") ? importer.fromJson(body)
                        : importer.fromCsv(body);
                out.println(json.writeValueAsString(result));
                return result.rejected().isEmpty() ? 0 : 1;
            }
            Rules rules = context.getBean(RulesStore.class).current();
            List<ApologyReport.Finding> late = context.getBean(ApologyReport.class).findings(query, asOf, rules);
            Map<String, Object> report = ApologyReport.figures(late);
            report.put("repeatedLateness", ApologyReport.repeatedLateness(late, rules.repeatedLatenessThreshold()));
            out.println(json.writeValueAsString(report));
            for (ApologyReport.Finding f : late) {
                out.println(f.code() + "\t" + f.responsibleAgency() + "\t" + String.join(" ", f.flags()));
            }
            return 0;
        } catch (ApiProblem problem) {
            err.println("error: " + problem.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot read " + (args.length > 2 ? args[2] : "the file") + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String message = String.valueOf(root.getMessage());
            err.println("error: " + (message.contains("already in use") || message.contains("Lock file")
                    ? "the database is locked: a running server has this H2 file open; stop it or use the HTTP API"
                    : message.lines().findFirst().orElse(root.toString())));
            return 1;
        }
    }

    private static Map<String, String> options(String[] args, int from) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value; got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
