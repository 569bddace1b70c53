package vn.hailong.sync.ingest;

/** The five SIPAS elements (yếu tố) of domain.md §3, which a dissatisfied rating may blame. */
public enum SipasElement {
    /** Tiếp cận dịch vụ. */
    ACCESS,
    /** Thủ tục hành chính. */
    PROCEDURE,
    /** Công chức trực tiếp giải quyết công việc. */
    OFFICER,
    /** Kết quả giải quyết. */
    RESULT,
    /** Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị. */
    FEEDBACK;

    public static boolean isCode(String code) {
        for (SipasElement e : values()) {
            if (e.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
