package vn.hailong.hardware.panel;

/** The kiosk side of a panel: called once per delivered press, on the panel's thread, and answers when done. */
@FunctionalInterface
public interface PressHandler {
    PressOutcome onPress(Press press);
}
