package vn.hailong.kiosk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.hailong.hardware.panel.MutableClock;
import java.util.Map;
import vn.hailong.hardware.nmea.DropReason;
import vn.hailong.hardware.panel.PanelDiagnostics;
import vn.hailong.hardware.panel.PanelState;
import vn.hailong.hardware.panel.PanelStatus;
import vn.hailong.kiosk.outbox.SyncProblem;
import vn.hailong.kiosk.rating.RatingScale;
import vn.hailong.kiosk.rating.ReasonsPrompt;
import vn.hailong.kiosk.rating.SipasElement;
import vn.hailong.kiosk.session.RatingSession;
import java.util.List;
import vn.hailong.kiosk.rating.RecordedRating;
import vn.hailong.kiosk.rating.Refusal;

/** The citizen screen on a virtual terminal: what a person at the counter would read. */
class CitizenScreenTest {
    private final MutableClock clock = new MutableClock();
    private final StatusLine status = new StatusLine("T-0001", 3, null, null, null, null);

    private CitizenScreen screen(DefaultVirtualTerminal terminal, int scale, boolean english) throws IOException {
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        return new CitizenScreen(screen, new RatingScale(scale), english, clock, Duration.ofSeconds(4),
                new ReasonsPrompt(clock, Duration.ofSeconds(20)));
    }

    @Test
    void idleShowsTheVietnameseLabelsOfTheScaleAndTheOfficerStatus() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen(terminal, 4, false).draw(status);
        String text = VirtualScreens.text(terminal);
        for (String s : new String[] {"ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG", "[ 1 ]", "[ 4 ]", "Không hài lòng", "Bình thường",
                "Rất hài lòng"}) {
            assertTrue(text.contains(s), s + " missing from\n" + text);
        }
        String bottom = VirtualScreens.line(terminal, 23);
        assertTrue(bottom.contains("T-0001") && bottom.contains("Chờ gửi: 3") && bottom.contains("Gửi lần cuối: chưa"), bottom);
    }

    @Test
    void aStoredRatingIsConfirmedAtOnceThenTheScreenReturnsToIdle() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        CitizenScreen screen = screen(terminal, 4, false);
        screen.recorded(new RecordedRating(1, "id", 4, 4, Instant.now(), null, false));
        screen.draw(status);
        String text = VirtualScreens.text(terminal);
        assertTrue(text.contains("CẢM ƠN ÔNG/BÀ!"), text);
        assertTrue(text.contains("Đã ghi nhận: Rất hài lòng"), text);
        assertFalse(text.contains("[ 1 ]"), text);
        clock.advance(Duration.ofSeconds(4));
        screen.draw(status);
        text = VirtualScreens.text(terminal);
        assertFalse(text.contains("CẢM ƠN"), text);
        assertTrue(text.contains("[ 1 ]"), text);
    }

    @Test
    void aRefusedPressIsExplainedNotThanked() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        CitizenScreen screen = screen(terminal, 4, false);
        screen.refused(Refusal.TOO_SOON);
        screen.draw(status);
        assertTrue(VirtualScreens.text(terminal).contains("Vui lòng đợi giây lát rồi bấm lại"));
        screen.refused(Refusal.STORAGE_FAILED);
        screen.draw(status);
        String text = VirtualScreens.text(terminal);
        assertTrue(text.contains("Chưa ghi nhận được"), text);
        assertFalse(text.contains("CẢM ƠN"), text);
    }

    @Test
    void fiveButtonsFitEightyColumnsInEnglishAndTheScreenRedrawsAfterAResize() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        CitizenScreen screen = screen(terminal, 5, true);
        screen.draw(new StatusLine("T-0001", 0, null, SyncProblem.UNREACHABLE, null, null));
        String text = VirtualScreens.text(terminal);
        assertTrue(text.contains("HOW SATISFIED ARE YOU?"), text);
        assertTrue(text.contains("[ 5 ]") && text.contains("Very") && text.contains("dissatisfied"), text);
        assertTrue(VirtualScreens.line(terminal, 23).contains("Offline: Cannot reach the server"),
                VirtualScreens.line(terminal, 23));

        terminal.setTerminalSize(new TerminalSize(132, 40));
        screen.draw(status);
        assertTrue(VirtualScreens.line(terminal, 39).contains("T-0001"), VirtualScreens.line(terminal, 39));
        text = VirtualScreens.text(terminal);
        assertTrue(text.contains("Very dissatisfied"), "wide enough now for one line:\n" + text);
    }

    @Test
    void theOfficerSeesWhenTheButtonPanelIsNotWorking() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen(terminal, 4, false).draw(new StatusLine("T-0001", 0, null, null, null,
                new PanelStatus(PanelState.OFFLINE, "no heartbeat for 15 s")));
        assertTrue(VirtualScreens.line(terminal, 23).startsWith(" Bảng nút không hoạt động"), VirtualScreens.line(terminal, 23));
    }

    @Test
    void f2ShowsTheOfficerTheSyncAndPanelDiagnostics() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        CitizenScreen screen = screen(terminal, 4, false);
        screen.toggleDetails();
        screen.draw(new StatusLine("T-0001", 2, null, SyncProblem.TERMINAL_REFUSED, -412L,
                new PanelStatus(PanelState.OK, "panel answering on /dev/ttyUSB0"), "http://10.0.0.5:8080",
                "HTTP 401: X-Hailong-Timestamp is 412 s from the server's clock",
                new PanelDiagnostics(17, Map.of(DropReason.NOISE, 297L, DropReason.BAD_CHECKSUM, 1L), 3, 1, 0, 2,
                        "HL-4B 2.1 #00042"), null, null, 1));
        String text = VirtualScreens.text(terminal);
        for (String s : new String[] {"THÔNG TIN KỸ THUẬT", "http://10.0.0.5:8080", "Máy chủ từ chối thiết bị",
                "Lệch đồng hồ so với máy chủ: -412 giây", "Bảng nút: OK", "HL-4B 2.1 #00042",
                "Khung hợp lệ 17 · Lần bấm 3 · Gửi lặp 1 · Chống dội 0 · Mở lại cổng 2",
                "Đã bỏ qua: {NOISE=297, BAD_CHECKSUM=1}", "Máy chủ từ chối (không gửi lại): 1"}) {
            assertTrue(text.contains(s), s + " missing from\n" + text);
        }
        screen.toggleDetails();
        screen.draw(status);
        assertFalse(VirtualScreens.text(terminal).contains("THÔNG TIN KỸ THUẬT"));
    }

    @Test
    void anOpenSessionNamesTheDossierAndItsProcedure() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen(terminal, 4, false).draw(status.withSession(new RatingSession("s", "000.00.15.H12-241120-0007", "cb07",
                "2.000815", Instant.now(), Instant.now().plusSeconds(60))));
        String text = VirtualScreens.text(terminal);
        assertTrue(text.contains("Xin ông/bà đánh giá việc giải quyết hồ sơ"), text);
        assertTrue(text.contains("Hồ sơ: 000.00.15.H12-241120-0007 · Thủ tục: 2.000815"), text);
        assertTrue(text.contains("[ 4 ]"), text);
    }

    @Test
    void aDissatisfiedRatingIsThankedAndAsksWhichElementsWereTheProblem() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        ReasonsPrompt prompt = new ReasonsPrompt(clock, Duration.ofSeconds(20));
        TerminalScreen lanterna = new TerminalScreen(terminal);
        lanterna.startScreen();
        CitizenScreen screen = new CitizenScreen(lanterna, new RatingScale(4), false, clock, Duration.ofSeconds(4), prompt);
        screen.recorded(new RecordedRating(7, "id", 4, 1, Instant.now(), null, true));
        prompt.toggle(3);
        screen.draw(status);
        String text = VirtualScreens.text(terminal);
        assertTrue(text.contains("CẢM ƠN ÔNG/BÀ! Đã ghi nhận: Không hài lòng"), text);
        assertTrue(text.contains("Ông/bà chưa hài lòng về điều gì?"), text);
        assertTrue(text.contains("[1]   Tiếp cận dịch vụ"), text);
        assertTrue(text.contains("[3] ✓ Công chức giải quyết"), text);
        assertTrue(text.contains("còn 20 giây"), text);
        assertEquals(List.of(SipasElement.OFFICER), prompt.answer(false).orElseThrow().reasons());
        screen.reasonsAnswered();
        screen.draw(status);
        assertTrue(VirtualScreens.text(terminal).contains("CẢM ƠN ÔNG/BÀ!"));
        assertFalse(VirtualScreens.text(terminal).contains("chưa hài lòng về điều gì"));
    }

    @Test
    void theReasonsPromptClosesByItselfAfterItsTimeout() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        ReasonsPrompt prompt = new ReasonsPrompt(clock, Duration.ofSeconds(20));
        TerminalScreen lanterna = new TerminalScreen(terminal);
        lanterna.startScreen();
        CitizenScreen screen = new CitizenScreen(lanterna, new RatingScale(5), false, clock, Duration.ofSeconds(4), prompt);
        screen.recorded(new RecordedRating(7, "id", 5, 2, Instant.now(), null, true));
        clock.advance(Duration.ofSeconds(20));
        screen.draw(status);
        assertFalse(VirtualScreens.text(terminal).contains("chưa hài lòng về điều gì"));
        assertTrue(prompt.answer(false).isEmpty(), "too late to answer");
    }

    @Test
    void aStorageFailureTakesOverTheOfficerLine() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen(terminal, 4, false).draw(new StatusLine("T-0001", 0, null, null, null, null, null, null, null, null,
                "No space left on device", 0));
        assertTrue(VirtualScreens.line(terminal, 23).contains("LỖI GHI DỮ LIỆU, đánh giá không được lưu: No space left"),
                VirtualScreens.line(terminal, 23));
    }

    @Test
    void vietnameseLabelsOfTheFivePointScaleWrapInsteadOfBeingCut() throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen(terminal, 5, false).draw(status);
        String text = VirtualScreens.text(terminal);
        assertTrue(text.contains("Rất không") && text.contains("hài lòng"), text);
    }
}
