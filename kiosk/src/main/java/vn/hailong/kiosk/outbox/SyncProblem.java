package vn.hailong.kiosk.outbox;

/** Why the last send failed, in words for the officer (Vietnamese first). */
public enum SyncProblem {
    UNREACHABLE("Không kết nối được máy chủ", "Cannot reach the server"),
    TIMEOUT("Máy chủ không trả lời", "The server did not answer"),
    TERMINAL_REFUSED("Máy chủ từ chối thiết bị (khóa hoặc đồng hồ sai)", "The server refused this terminal (key or clock)"),
    SERVER_ERROR("Máy chủ báo lỗi", "The server reported an error"),
    INTERNAL("Lỗi nội bộ khi gửi", "Internal error while sending");

    private final String vi;
    private final String en;

    SyncProblem(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    public String text(boolean english) {
        return english ? en : vi;
    }
}
