package vn.hailong.kiosk.ui;

/** Every word the kiosk screen shows, in Vietnamese (default) and English. */
public record ScreenText(String title, String prompt, String thanks, String recordedAs, String tooSoon,
                         String storageFailed, String notOnScale, String pending, String lastSync,
                         String never, String online, String offline, String panelOffline, String keysHelp) {

    public static final ScreenText VI = new ScreenText(
            "ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG",
            "Xin ông/bà vui lòng bấm một nút để đánh giá",
            "CẢM ƠN ÔNG/BÀ!",
            "Đã ghi nhận: ",
            "Vui lòng đợi giây lát rồi bấm lại",
            "Chưa ghi nhận được. Xin báo cán bộ tại quầy.",
            "Nút này không dùng để đánh giá",
            "Chờ gửi",
            "Gửi lần cuối",
            "chưa",
            "Đã kết nối máy chủ",
            "Mất kết nối",
            "Bảng nút không hoạt động",
            "Phím 1-%d: đánh giá · Ctrl+X: thoát");

    public static final ScreenText EN = new ScreenText(
            "HOW SATISFIED ARE YOU?",
            "Please press one button to rate our service",
            "THANK YOU!",
            "Recorded: ",
            "Please wait a moment, then press again",
            "Not recorded. Please tell the officer at the counter.",
            "This button is not a rating",
            "Pending",
            "Last sync",
            "never",
            "Server connected",
            "Offline",
            "Button panel not working",
            "Keys 1-%d: rate · Ctrl+X: quit");

    public static ScreenText of(boolean english) {
        return english ? EN : VI;
    }
}
