package vn.hailong.hardware.panel;

/** How a press reached the kiosk: hardware rating buttons, the touch screen, or a keyboard key. */
public enum Channel {
    BUTTON, TOUCH, KEYBOARD
}
