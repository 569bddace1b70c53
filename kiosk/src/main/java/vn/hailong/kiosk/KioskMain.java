package vn.hailong.kiosk;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.config.SecretFiles;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.panel.PanelConfig;

/** Starts the counter kiosk in the current terminal. */
public final class KioskMain {
    private KioskMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(check(args));
        }
        ApplicationContext started;
        try {
            started = ApplicationContext.builder().args(args).start();
        } catch (RuntimeException e) {
            System.err.println("Hài Lòng kiosk cannot start: " + cause(e));
            System.exit(1);
            return;
        }
        try (ApplicationContext context = started) {
            KioskConfig config = context.getBean(KioskConfig.class);
            List<String> problems = problems(context);
            problems.addAll(context.getBean(PanelConfig.class).problems(config.scale()));
            if (!problems.isEmpty()) {
                System.err.println("Hài Lòng kiosk cannot start; fix its configuration (environment or application.yml):");
                problems.forEach(p -> System.err.println("  - " + p));
                System.exit(2);
            }
            try {
                context.getBean(EmbeddedServer.class).start();
            } catch (RuntimeException e) {
                System.err.println("Hài Lòng kiosk cannot open its local API on 127.0.0.1 port "
                        + context.getProperty("micronaut.server.port", String.class).orElse("8710") + ": " + cause(e)
                        + " (is another kiosk running? HAILONG_LOCAL_PORT chooses another port)");
                System.exit(1);
            }
            // UTF-8 explicitly: with LANG unset the default charset would print Vietnamese as '?'.
            Terminal terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                    .setForceTextTerminal(true)
                    .createTerminal();
            context.getBean(KioskApp.class).run(terminal);
        }
    }

    /** The configuration's problems, its secret file's included. */
    private static List<String> problems(ApplicationContext context) {
        List<String> problems = new ArrayList<>(context.getBean(KioskConfig.class).problems());
        problems.addAll(SecretFiles.problems(SecretFiles.configured(System.getProperty("micronaut.config.files"),
                System.getenv("MICRONAUT_CONFIG_FILES"))));
        return problems;
    }

    /**
     * {@code java -jar hailong-kiosk.jar check}: the installer's check of the configuration and of the server,
     * with one signed heartbeat; touches neither the data directory (an in-memory database) nor the panel.
     * Exit status 0 when the server accepted this terminal, 1 when not, 2 for a configuration problem.
     */
    private static int check(String[] args) {
        try (ApplicationContext context = ApplicationContext.builder().args(args).environments("check").start()) {
            List<String> problems = problems(context);
            if (!problems.isEmpty()) {
                System.err.println("Hài Lòng kiosk configuration problems:");
                problems.forEach(p -> System.err.println("  - " + p));
                return 2;
            }
            OutboxSender.ServerCheck check = context.getBean(OutboxSender.class).check();
            (check.ok() ? System.out : System.err).println((check.ok() ? "server OK: " : "server NOT OK: ")
                    + check.detail());
            return check.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("Hài Lòng kiosk cannot start the check: " + cause(e));
            return 2;
        }
    }

    /** The root cause in words, with the usual one explained. */
    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (message.contains("already in use") || message.contains("Lock file")) {
            return "its database is locked: another kiosk is running on the same HAILONG_DATA_DIR; stop it first ("
                    + message.lines().findFirst().orElse("") + ")";
        }
        return message.lines().findFirst().orElse(root.toString());
    }
}
