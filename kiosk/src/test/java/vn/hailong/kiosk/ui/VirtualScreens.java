package vn.hailong.kiosk.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminal;

/** Reads what a Lanterna virtual terminal shows, line by line. */
public final class VirtualScreens {
    private VirtualScreens() {
    }

    public static String text(VirtualTerminal terminal) {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            out.append(line(terminal, row)).append('\n');
        }
        return out.toString();
    }

    public static String line(VirtualTerminal terminal, int row) {
        StringBuilder out = new StringBuilder();
        for (int col = 0; col < terminal.getTerminalSize().getColumns(); col++) {
            out.append(terminal.getCharacter(col, row).getCharacterString());
        }
        return out.toString().stripTrailing();
    }
}
