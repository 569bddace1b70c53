package vn.hailong.kiosk.rating;

/** The five SIPAS elements a dissatisfied citizen may blame (domain.md §3), with what the screen says. */
public enum SipasElement {
    ACCESS("Tiếp cận dịch vụ", "Access to the service"),
    PROCEDURE("Thủ tục hành chính", "The procedure"),
    OFFICER("Công chức giải quyết", "The officer"),
    RESULT("Kết quả giải quyết", "The result"),
    FEEDBACK("Tiếp nhận góp ý, phản ánh", "Handling of feedback");

    private final String vi;
    private final String en;

    SipasElement(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    public String label(boolean english) {
        return english ? en : vi;
    }
}
