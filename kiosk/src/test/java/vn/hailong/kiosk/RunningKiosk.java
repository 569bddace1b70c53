package vn.hailong.kiosk;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.atomic.AtomicReference;
import vn.hailong.kiosk.ui.VirtualScreens;

/** The whole kiosk app running on an 80×24 virtual terminal in its own thread, as the tests drive it. */
public final class RunningKiosk implements AutoCloseable {
    public final DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread app;

    public RunningKiosk(ApplicationContext context) {
        app = new Thread(() -> {
            try {
                context.getBean(KioskApp.class).run(terminal);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "kiosk-app");
        app.start();
    }

    /** What the screen shows now, line by line. */
    public String screen() {
        return VirtualScreens.text(terminal);
    }

    public void type(String keys) {
        for (char c : keys.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    /** Ctrl+X, then waits for the app to end; true when it did, without failing. */
    public boolean quit() throws InterruptedException {
        terminal.addInput(new KeyStroke('x', true, false));
        app.join(10_000);
        return !app.isAlive() && failure.get() == null;
    }

    @Override
    public void close() throws InterruptedException {
        if (app.isAlive()) {
            quit();
        }
    }
}
