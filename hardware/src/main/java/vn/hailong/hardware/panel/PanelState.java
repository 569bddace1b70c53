package vn.hailong.hardware.panel;

/** Panel health as the kiosk reports it in its heartbeat: OK, OFFLINE (expected but not answering), NONE. */
public enum PanelState {
    OK, OFFLINE, NONE
}
