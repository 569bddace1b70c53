package vn.hailong.kiosk;

public final class KioskMain {
    private KioskMain() {
    }

    public static void main(String[] args) {
    }
}
