package vn.hailong.kiosk.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import vn.hailong.hardware.panel.PanelDiagnostics;
import vn.hailong.hardware.panel.PanelState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import vn.hailong.kiosk.officer.OfficerConsole;
import vn.hailong.kiosk.rating.RatingListener;
import vn.hailong.kiosk.rating.RatingScale;
import vn.hailong.kiosk.rating.ReasonsPrompt;
import vn.hailong.kiosk.rating.SipasElement;
import vn.hailong.kiosk.session.RatingSession;
import vn.hailong.kiosk.survey.SurveyFlow;
import vn.hailong.kiosk.rating.RecordedRating;
import vn.hailong.kiosk.rating.Refusal;

/**
 * The citizen's screen, drawn on a Lanterna {@link Screen}: the rating buttons with their labels, a
 * thank-you the moment a rating is stored, a short explanation when a press is refused, and one status line
 * for the officer. Works from 80×24 up and redraws after a resize.
 */
public class CitizenScreen implements RatingListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final Screen screen;
    private final RatingScale scale;
    private final boolean english;
    private final ScreenText text;
    private final Clock clock;
    private final Duration confirmation;

    private RecordedRating lastRecorded;
    private Refusal lastRefusal;
    private Instant messageUntil = Instant.MIN;
    private boolean details;

    private final ReasonsPrompt prompt;

    public CitizenScreen(Screen screen, RatingScale scale, boolean english, Clock clock, Duration confirmation,
                         ReasonsPrompt prompt) {
        this.screen = screen;
        this.scale = scale;
        this.english = english;
        this.text = ScreenText.of(english);
        this.clock = clock;
        this.confirmation = confirmation;
        this.prompt = prompt;
    }

    @Override
    public synchronized void recorded(RecordedRating rating) {
        lastRecorded = rating;
        lastRefusal = null;
        messageUntil = clock.instant().plus(confirmation);
        if (rating.awaitingReasons()) {
            prompt.open(rating);
        }
    }

    /** The reasons prompt was answered or skipped: thank the citizen again, briefly. */
    public synchronized void reasonsAnswered() {
        messageUntil = clock.instant().plus(confirmation);
    }

    @Override
    public synchronized void refused(Refusal refusal) {
        lastRefusal = refusal;
        lastRecorded = null;
        messageUntil = clock.instant().plus(Duration.ofSeconds(2));
    }

    /** Shows or hides the technical details for the officer (F2). */
    public synchronized void toggleDetails() {
        details = !details;
    }

    /** Draws the whole screen for now and shows it. */
    public synchronized void draw(StatusLine status) {
        draw(status, null);
    }

    /** Draws the whole screen, with the officer's console over it while that is open. */
    public synchronized void draw(StatusLine status, OfficerConsole.View officer) {
        draw(status, officer, null);
    }

    /** Draws the whole screen: the officer's console, or the survey, or the rating screen. */
    public synchronized void draw(StatusLine status, OfficerConsole.View officer, SurveyFlow survey) {
        TerminalSize resized = screen.doResizeIfNecessary();
        if (resized != null) {
            screen.clear();
        }
        TerminalSize size = screen.getTerminalSize();
        TextGraphics g = screen.newTextGraphics();
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE);
        g.fill(' ');
        header(g, size);
        boolean message = clock.instant().isBefore(messageUntil);
        if (officer != null && officer.stage() != OfficerConsole.Stage.CLOSED) {
            officer(g, size, officer);
        } else if (survey != null && survey.question().isPresent()) {
            survey(g, size, survey);
        } else if (details) {
            details(g, size, status);
        } else if (prompt.isOpen()) {
            reasons(g, size);
        } else if (message && lastRecorded != null) {
            thanks(g, size);
        } else if (message && lastRefusal != null) {
            refusal(g, size);
        } else {
            session(g, size, status.session());
            buttons(g, size);
            surveyButton(g, size);
        }
        statusLine(g, size, status);
        try {
            screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void header(TextGraphics g, TerminalSize size) {
        g.setBackgroundColor(TextColor.ANSI.BLUE);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        g.fillRectangle(new TerminalPosition(0, 0), new TerminalSize(size.getColumns(), 3), ' ');
        g.enableModifiers(SGR.BOLD);
        centre(g, size.getColumns(), 1, text.title());
        g.disableModifiers(SGR.BOLD);
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        centre(g, size.getColumns(), 4, text.prompt());
    }

    /** With a session open, the prompt names the dossier (and its procedure) the rating will be bound to. */
    private void session(TextGraphics g, TerminalSize size, RatingSession session) {
        if (session == null) {
            return;
        }
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        g.fillRectangle(new TerminalPosition(0, 3), new TerminalSize(size.getColumns(), 3), ' ');
        g.enableModifiers(SGR.BOLD);
        centre(g, size.getColumns(), 3, text.sessionPrompt());
        g.disableModifiers(SGR.BOLD);
        g.setForegroundColor(TextColor.ANSI.CYAN_BRIGHT);
        centre(g, size.getColumns(), 4, text.dossier() + ": " + session.dossierCode()
                + (session.procedureCode() == null ? "" : " · " + text.procedure() + ": " + session.procedureCode()));
        g.setForegroundColor(TextColor.ANSI.WHITE);
    }

    private void reasons(TextGraphics g, TerminalSize size) {
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.GREEN_BRIGHT);
        g.fillRectangle(new TerminalPosition(0, 3), new TerminalSize(size.getColumns(), size.getRows() - 4), ' ');
        g.enableModifiers(SGR.BOLD);
        centre(g, size.getColumns(), 4, text.thanks() + " " + text.recordedAs() + scale.label(lastRecorded.value(), english));
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        centre(g, size.getColumns(), 6, text.reasonsQuestion());
        g.disableModifiers(SGR.BOLD);
        java.util.Set<SipasElement> chosen = prompt.chosen();
        SipasElement[] elements = SipasElement.values();
        for (int i = 0; i < elements.length; i++) {
            boolean on = chosen.contains(elements[i]);
            Box box = reasonBox(size, i + 1);
            g.setBackgroundColor(on ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.WHITE);
            g.setForegroundColor(TextColor.ANSI.BLACK);
            g.fillRectangle(new TerminalPosition(box.left(), box.top()), new TerminalSize(box.width(), box.height()), ' ');
            g.putString(box.left() + 2, box.top() + (box.height() - 1) / 2, clip("[" + (i + 1) + "] " + (on ? "✓ " : "  ")
                    + elements[i].label(english), box.width() - 4));
        }
        actions(g, size, text.send(), TextColor.ANSI.GREEN, text.skip(), TextColor.ANSI.WHITE);
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE);
        centre(g, size.getColumns(), size.getRows() - 2, String.format(text.reasonsHelp(), prompt.secondsLeft()));
    }

    private void surveyButton(TextGraphics g, TerminalSize size) {
        Box box = surveyButtonBox(size);
        g.setBackgroundColor(TextColor.ANSI.CYAN);
        g.setForegroundColor(TextColor.ANSI.BLACK);
        g.fillRectangle(new TerminalPosition(box.left(), box.top()), new TerminalSize(box.width(), 1), ' ');
        centreIn(g, box.left(), box.width(), box.top(), text.surveyButton());
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE);
    }

    private static Box surveyButtonBox(TerminalSize size) {
        int width = 30;
        return new Box((size.getColumns() - width) / 2, size.getRows() - 2, width, 1);
    }

    private void survey(TextGraphics g, TerminalSize size, SurveyFlow flow) {
        SurveyFlow.Question q = flow.question().orElseThrow();
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        g.fillRectangle(new TerminalPosition(0, 3), new TerminalSize(size.getColumns(), size.getRows() - 4), ' ');
        g.enableModifiers(SGR.BOLD);
        centre(g, size.getColumns(), 4, String.format(text.surveyTitle(), flow.number(), flow.count()));
        String question = switch (q.kind()) {
            case ELEMENT -> String.format(text.surveyElement(), SipasElement.values()[q.index()].label(english));
            case STATEMENT -> flow.bank().statements().get(q.index()).text(english);
            case CHOICES -> text.surveyChoices();
        };
        g.setForegroundColor(TextColor.ANSI.YELLOW_BRIGHT);
        centre(g, size.getColumns(), 6, question);
        g.disableModifiers(SGR.BOLD);
        java.util.List<String> options = surveyOptions(flow, q);
        java.util.List<String> chosen = flow.chosenExpectations();
        for (int i = 0; i < options.size(); i++) {
            Box box = optionBox(size, i + 1, options.size());
            boolean on = q.kind() == SurveyFlow.Kind.CHOICES
                    && chosen.contains(flow.bank().choices().get(i).code());
            g.setBackgroundColor(on ? TextColor.ANSI.GREEN_BRIGHT : TextColor.ANSI.WHITE);
            g.setForegroundColor(TextColor.ANSI.BLACK);
            g.fillRectangle(new TerminalPosition(box.left(), box.top()), new TerminalSize(box.width(), box.height()), ' ');
            g.putString(box.left() + 2, box.top(), clip("[" + (i + 1) + "] " + (on ? "✓ " : "") + options.get(i),
                    box.width() - 4));
        }
        actions(g, size, text.skip(), TextColor.ANSI.WHITE, text.surveyEnd(), TextColor.ANSI.CYAN);
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE);
        centre(g, size.getColumns(), size.getRows() - 2, text.surveyHelp());
    }

    private java.util.List<String> surveyOptions(SurveyFlow flow, SurveyFlow.Question q) {
        return switch (q.kind()) {
            case ELEMENT -> java.util.stream.IntStream.rangeClosed(1, 5)
                    .mapToObj(v -> new RatingScale(5).label(v, english)).toList();
            case STATEMENT -> java.util.List.of(text.surveyYes(), text.surveyNo());
            case CHOICES -> flow.bank().choices().stream().map(c -> c.text(english)).toList();
        };
    }

    /** Option {@code n} of {@code count}, one row each from row 8, as many as fit above the actions. */
    private static Box optionBox(TerminalSize size, int n, int count) {
        int width = Math.min(size.getColumns() - 4, 60);
        int rows = Math.max(1, Math.min(2, (size.getRows() - 13) / Math.max(1, count)));
        return new Box((size.getColumns() - width) / 2, 8 + (n - 1) * rows, width, 1);
    }

    private void buttons(TextGraphics g, TerminalSize size) {
        for (int value = 1; value <= scale.size(); value++) {
            Box box = buttonBox(size, value);
            g.setBackgroundColor(colour(value));
            g.setForegroundColor(TextColor.ANSI.BLACK);
            g.fillRectangle(new TerminalPosition(box.left(), box.top()), new TerminalSize(box.width(), box.height()), ' ');
            g.enableModifiers(SGR.BOLD);
            int middle = box.top() + box.height() / 2;
            centreIn(g, box.left(), box.width(), middle - 2, "[ " + value + " ]");
            String[] words = wrap(scale.label(value, english), box.width() - 2);
            for (int i = 0; i < words.length; i++) {
                centreIn(g, box.left(), box.width(), middle + i, words[i]);
            }
            g.disableModifiers(SGR.BOLD);
        }
        g.setBackgroundColor(TextColor.ANSI.BLACK);
    }

    /** A rectangle of the screen: where a target is drawn, and where a touch on it lands. */
    record Box(int left, int top, int width, int height) {
        boolean contains(TerminalPosition p) {
            return p.getColumn() >= left && p.getColumn() < left + width && p.getRow() >= top && p.getRow() < top + height;
        }
    }

    /** What a touch (mouse click) at a position means on the screen as it is now. */
    public record Target(Kind kind, int number) {
        /** A rating value, a reason to toggle, or the prompt's send and skip buttons. */
        public enum Kind { NONE, VALUE, REASON, SEND, SKIP, SURVEY, OPTION, NEXT, FINISH }
    }

    public synchronized Target targetAt(TerminalPosition p) {
        return targetAt(p, null);
    }

    /** As {@link #targetAt(TerminalPosition)}, with the survey on screen when {@code survey} runs. */
    public synchronized Target targetAt(TerminalPosition p, SurveyFlow survey) {
        TerminalSize size = screen.getTerminalSize();
        if (details) {
            return new Target(Target.Kind.NONE, 0);
        }
        if (survey != null && survey.question().isPresent()) {
            int count = surveyOptions(survey, survey.question().get()).size();
            return pick(p, size, count, i -> optionBox(size, i, count), Target.Kind.OPTION, Target.Kind.NEXT,
                    Target.Kind.FINISH);
        }
        if (prompt.isOpen()) {
            return pick(p, size, SipasElement.values().length, i -> reasonBox(size, i), Target.Kind.REASON,
                    Target.Kind.SEND, Target.Kind.SKIP);
        }
        for (int value = 1; value <= scale.size(); value++) {
            if (buttonBox(size, value).contains(p)) {
                return new Target(Target.Kind.VALUE, value);
            }
        }
        if (surveyButtonBox(size).contains(p)) {
            return new Target(Target.Kind.SURVEY, 0);
        }
        return new Target(Target.Kind.NONE, 0);
    }

    /** The two action buttons under a list of choices: the first left of centre, the second right of it. */
    private static void actions(TextGraphics g, TerminalSize size, String first, TextColor firstColour, String second,
                                TextColor secondColour) {
        for (boolean isFirst : new boolean[] {true, false}) {
            Box box = actionBox(size, isFirst);
            g.setBackgroundColor(isFirst ? firstColour : secondColour);
            g.setForegroundColor(TextColor.ANSI.BLACK);
            g.fillRectangle(new TerminalPosition(box.left(), box.top()), new TerminalSize(box.width(), 1), ' ');
            centreIn(g, box.left(), box.width(), box.top(), isFirst ? first : second);
        }
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE);
    }

    /** A tap on a list of choices with two action buttons under it (the reasons prompt, the survey). */
    private static Target pick(TerminalPosition p, TerminalSize size, int count, java.util.function.IntFunction<Box> box,
                               Target.Kind choice, Target.Kind first, Target.Kind second) {
        for (int i = 1; i <= count; i++) {
            if (box.apply(i).contains(p)) {
                return new Target(choice, i);
            }
        }
        if (actionBox(size, true).contains(p)) {
            return new Target(first, 0);
        }
        if (actionBox(size, false).contains(p)) {
            return new Target(second, 0);
        }
        return new Target(Target.Kind.NONE, 0);
    }

    private Box buttonBox(TerminalSize size, int value) {
        int n = scale.size();
        int gap = 1;
        int top = 6;
        int height = Math.max(5, size.getRows() - top - 3);
        int width = Math.max(10, (size.getColumns() - gap * (n + 1)) / n);
        return new Box(gap + (value - 1) * (width + gap), top, width, height);
    }

    private static int reasonRows(TerminalSize size) {
        return Math.max(1, Math.min(3, (size.getRows() - 8 - 5) / SipasElement.values().length));
    }

    private static Box reasonBox(TerminalSize size, int n) {
        int width = Math.min(size.getColumns() - 4, 60);
        int rows = reasonRows(size);
        return new Box((size.getColumns() - width) / 2, 8 + (n - 1) * rows, width, Math.max(1, rows - 1));
    }

    private static Box actionBox(TerminalSize size, boolean send) {
        int row = 8 + SipasElement.values().length * reasonRows(size);
        int width = 18;
        int centre = size.getColumns() / 2;
        return new Box(send ? centre - width - 2 : centre + 2, row, width, 1);
    }

    private void thanks(TextGraphics g, TerminalSize size) {
        g.setBackgroundColor(TextColor.ANSI.GREEN);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        Box body = fillBody(g, size);
        int top = body.top();
        int height = body.height();
        g.enableModifiers(SGR.BOLD);
        centre(g, size.getColumns(), top + height / 2 - 1, text.thanks());
        g.disableModifiers(SGR.BOLD);
        centre(g, size.getColumns(), top + height / 2 + 1,
                text.recordedAs() + scale.label(lastRecorded.value(), english));
        g.setBackgroundColor(TextColor.ANSI.BLACK);
    }

    private void refusal(TextGraphics g, TerminalSize size) {
        g.setBackgroundColor(lastRefusal == Refusal.STORAGE_FAILED ? TextColor.ANSI.RED : TextColor.ANSI.YELLOW);
        g.setForegroundColor(TextColor.ANSI.BLACK);
        Box body = fillBody(g, size);
        int top = body.top();
        int height = body.height();
        g.enableModifiers(SGR.BOLD);
        String message = switch (lastRefusal) {
            case TOO_SOON -> text.tooSoon();
            case STORAGE_FAILED -> text.storageFailed();
            case NOT_ON_SCALE -> text.notOnScale();
        };
        centre(g, size.getColumns(), top + height / 2, message);
        g.disableModifiers(SGR.BOLD);
        g.setBackgroundColor(TextColor.ANSI.BLACK);
    }

    private void statusLine(TextGraphics g, TerminalSize size, StatusLine status) {
        int row = size.getRows() - 1;
        g.setBackgroundColor(TextColor.ANSI.WHITE);
        g.setForegroundColor(TextColor.ANSI.BLACK);
        g.fillRectangle(new TerminalPosition(0, row), new TerminalSize(size.getColumns(), 1), ' ');
        // Most urgent first, so a narrow screen cuts the least useful part: connection, backlog, last sync, id.
        String connection = status.lastError() == null
                ? (status.lastSyncAt() == null ? "" : text.online() + " · ")
                : text.offline() + ": " + status.lastError().text(english) + " · ";
        if (status.storageFailure() != null) {
            g.setBackgroundColor(TextColor.ANSI.RED);
            g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
            g.fillRectangle(new TerminalPosition(0, row), new TerminalSize(size.getColumns(), 1), ' ');
            g.putString(1, row, clip(text.storageFailedStatus() + ": " + status.storageFailure(), size.getColumns() - 2));
            g.setBackgroundColor(TextColor.ANSI.BLACK);
            return;
        }
        String panel = status.panel() != null && status.panel().state() == PanelState.OFFLINE
                ? text.panelOffline() + " · " : "";
        String left = panel + connection + text.pending() + ": " + status.pending() + " · " + text.lastSync() + ": "
                + (status.lastSyncAt() == null ? text.never() : TIME.format(status.lastSyncAt())) + " · "
                + status.terminalId();
        g.putString(1, row, clip(left, size.getColumns() - 2));
        String help = String.format(text.keysHelp(), scale.size());
        if (left.length() + help.length() + 4 < size.getColumns()) {
            g.putString(size.getColumns() - help.length() - 1, row, help);
        }
        g.setBackgroundColor(TextColor.ANSI.BLACK);
    }

    private void officer(TextGraphics g, TerminalSize size, OfficerConsole.View v) {
        g.setBackgroundColor(TextColor.ANSI.BLUE);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        Box body = fillBody(g, size);
        int top = body.top();
        int height = body.height();
        int width = body.width();
        g.enableModifiers(SGR.BOLD);
        g.putString(3, top + 1, clip(text.officerTitle(), width - 4));
        g.disableModifiers(SGR.BOLD);
        String prompt = v.stage() == OfficerConsole.Stage.PIN ? text.officerPin() : text.officerDossier();
        g.putString(3, top + 3, clip(prompt + v.typed() + "_", width - 4));
        String note = switch (v.note()) {
            case NO_PIN_CONFIGURED -> text.officerNoPin();
            case WRONG_PIN -> text.officerWrongPin();
            case CONFLICT -> String.format(text.officerConflict(), v.dossierCode());
            case INVALID_CODE -> String.format(text.officerInvalid(), v.dossierCode());
            default -> "";
        };
        g.setForegroundColor(TextColor.ANSI.YELLOW_BRIGHT);
        g.putString(3, top + 5, clip(note, width - 4));
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(TextColor.ANSI.WHITE);
    }

    private void details(TextGraphics g, TerminalSize size, StatusLine s) {
        g.setBackgroundColor(TextColor.ANSI.BLUE);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        Box body = fillBody(g, size);
        int top = body.top();
        int height = body.height();
        int width = body.width();
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(text.detailsTitle());
        lines.add(s.terminalId() + " · " + text.server() + ": " + (s.serverUrl() == null ? "" : s.serverUrl()));
        lines.add(text.pending() + ": " + s.pending() + " · " + text.rejected() + ": " + s.rejected() + " · "
                + text.lastSync() + ": " + (s.lastSyncAt() == null ? text.never() : TIME.format(s.lastSyncAt())));
        lines.add(text.lastError() + ": " + (s.lastError() == null ? text.none()
                : s.lastError().text(english) + (s.lastErrorDetail() == null ? "" : " (" + s.lastErrorDetail() + ")")));
        lines.add(text.clockSkew() + ": " + (s.clockSkewSeconds() == null ? "?" : s.clockSkewSeconds() + " " + text.seconds()));
        if (s.panel() != null) {
            lines.add(text.panel() + ": " + s.panel().state() + " · " + s.panel().reason());
        }
        PanelDiagnostics d = s.diagnostics();
        if (d != null) {
            lines.add(text.device() + ": " + (d.identity() == null ? "?" : d.identity()));
            lines.add(String.format(text.panelCounts(), d.framesRead(), d.delivered(), d.duplicates(), d.debounced(),
                    d.reopened()));
            lines.add(text.dropped() + ": " + (d.dropped().isEmpty() ? text.none() : new java.util.TreeMap<>(d.dropped())));
        }
        for (int i = 0; i < lines.size() && i < height - 1; i++) {
            if (i == 0) {
                g.enableModifiers(SGR.BOLD);
            }
            g.putString(3, top + 1 + i, clip(lines.get(i), width - 4));
            g.disableModifiers(SGR.BOLD);
        }
        g.setBackgroundColor(TextColor.ANSI.BLACK);
    }

    /** The area between the prompt and the status line, filled in the current colours: where overlays go. */
    private static Box fillBody(TextGraphics g, TerminalSize size) {
        Box body = new Box(1, 6, size.getColumns() - 2, Math.max(5, size.getRows() - 8));
        g.fillRectangle(new TerminalPosition(body.left(), body.top()), new TerminalSize(body.width(), body.height()), ' ');
        return body;
    }

    private TextColor colour(int value) {
        if (scale.isDissatisfied(value)) {
            return TextColor.ANSI.RED_BRIGHT;
        }
        if (scale.isSatisfied(value)) {
            return value == scale.size() ? TextColor.ANSI.GREEN_BRIGHT : TextColor.ANSI.GREEN;
        }
        return TextColor.ANSI.YELLOW_BRIGHT;
    }

    private static void centre(TextGraphics g, int columns, int row, String s) {
        centreIn(g, 0, columns, row, s);
    }

    private static void centreIn(TextGraphics g, int left, int width, int row, String s) {
        String clipped = clip(s, width);
        g.putString(left + Math.max(0, (width - clipped.length()) / 2), row, clipped);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width));
    }

    /** Splits a label over lines of at most {@code width} characters, at spaces. */
    static String[] wrap(String label, int width) {
        if (label.length() <= width) {
            return new String[] {label};
        }
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : label.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString().split("\n");
    }
}
