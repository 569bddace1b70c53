package vn.hailong.hardware.nmea;

/** The sentences a panel sends (serial-protocol.md), parsed from a checksummed frame body. */
public sealed interface PanelSentence {

    /** {@code HLBTN,<devseq>,<button>}: a press. */
    record ButtonPress(int deviceSeq, int button) implements PanelSentence {
    }

    /** {@code HLHB,<uptimeSeconds>,<buttons>}: every 5 s. */
    record Heartbeat(long uptimeSeconds, int buttons) implements PanelSentence {
    }

    /** {@code HLID,<model>,<firmware>,<serial>}: the answer to {@code HLID?}. */
    record Identity(String model, String firmware, String serial) implements PanelSentence {
    }

    /** The sentence in {@code body}, or null when it is unknown or its fields are wrong. */
    static PanelSentence parse(String body) {
        String[] f = body.split(",", -1);
        try {
            return switch (f[0]) {
                case "HLBTN" -> {
                    if (f.length != 3) {
                        yield null;
                    }
                    int seq = number(f[1], 65535);
                    int button = number(f[2], 9);
                    yield seq < 0 || button < 1 ? null : new ButtonPress(seq, button);
                }
                case "HLHB" -> {
                    if (f.length != 3 || !f[1].matches("\\d{1,10}")) {
                        yield null;
                    }
                    int buttons = number(f[2], 9);
                    yield buttons < 1 ? null : new Heartbeat(Long.parseLong(f[1]), buttons);
                }
                case "HLID" -> f.length == 4 ? new Identity(f[1], f[2], f[3]) : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal 0..max, or -1. */
    private static int number(String s, int max) {
        if (!s.matches("\\d{1,5}")) {
            return -1;
        }
        int v = Integer.parseInt(s);
        return v <= max ? v : -1;
    }
}
