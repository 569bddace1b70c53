package vn.hailong.kiosk;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.panel.PanelConfig;

/** Starts the counter kiosk in the current terminal. */
public final class KioskMain {
    private KioskMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().args(args).start()) {
            KioskConfig config = context.getBean(KioskConfig.class);
            List<String> problems = new ArrayList<>(config.problems());
            problems.addAll(context.getBean(PanelConfig.class).problems(config.scale()));
            if (!problems.isEmpty()) {
                System.err.println("Hài Lòng kiosk cannot start; fix its configuration (environment or application.yml):");
                problems.forEach(p -> System.err.println("  - " + p));
                System.exit(2);
            }
            // UTF-8 explicitly: with LANG unset the default charset would print Vietnamese as '?'.
            Terminal terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                    .setForceTextTerminal(true)
                    .createTerminal();
            context.getBean(KioskApp.class).run(terminal);
        }
    }
}
