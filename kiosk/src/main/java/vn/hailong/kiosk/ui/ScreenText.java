package vn.hailong.kiosk.ui;

/** Every word the kiosk screen shows, in Vietnamese (default) and English. */
public record ScreenText(String title, String prompt, String thanks, String recordedAs, String tooSoon,
                         String storageFailed, String notOnScale, String pending, String lastSync,
                         String never, String online, String offline, String panelOffline, String keysHelp,
                         String detailsTitle, String server, String lastError, String clockSkew, String seconds,
                         String panel, String device, String panelCounts, String dropped, String none,
                         String sessionPrompt, String dossier, String procedure, String reasonsQuestion,
                         String reasonsHelp) {

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
            "Phím 1-%d: đánh giá · F2: thông tin · Ctrl+X: thoát",
            "THÔNG TIN KỸ THUẬT (F2 để đóng)",
            "Máy chủ",
            "Lỗi gần nhất",
            "Lệch đồng hồ so với máy chủ",
            "giây",
            "Bảng nút",
            "Thiết bị",
            "Khung hợp lệ %d · Lần bấm %d · Gửi lặp %d · Chống dội %d · Mở lại cổng %d",
            "Đã bỏ qua",
            "không có",
            "Xin ông/bà đánh giá việc giải quyết hồ sơ",
            "Hồ sơ",
            "Thủ tục",
            "Ông/bà chưa hài lòng về điều gì? (có thể bỏ qua)",
            "Bấm số để chọn · Enter: gửi · Esc: bỏ qua · còn %d giây");

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
            "Keys 1-%d: rate · F2: details · Ctrl+X: quit",
            "TECHNICAL DETAILS (F2 to close)",
            "Server",
            "Last error",
            "Clock skew against the server",
            "s",
            "Button panel",
            "Device",
            "Valid frames %d · presses %d · resends %d · debounced %d · port reopened %d",
            "Dropped",
            "none",
            "Please rate how your dossier was handled",
            "Dossier",
            "Procedure",
            "What were you not satisfied with? (optional)",
            "Press numbers to choose · Enter: send · Esc: skip · %d s left");

    public static ScreenText of(boolean english) {
        return english ? EN : VI;
    }
}
