package vn.hailong.hardware.panel;

/**
 * A source of rating presses (bàn phím đánh giá). Implementations: the serial panel, the keyboard, and the
 * in-memory {@link LoopbackPanel} that tests and the demo drive.
 */
public interface Panel extends AutoCloseable {
    /** Starts delivering presses to {@code handler}; each press is acknowledged after the handler returns. */
    void start(PressHandler handler);

    PanelStatus status();

    @Override
    void close();
}
