package vn.hailong.hardware.panel;

/** A panel's state with the reason, in words an officer can act on. */
public record PanelStatus(PanelState state, String reason) {
}
