package vn.hailong.kiosk;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.KeyboardPanel;
import vn.hailong.hardware.panel.Press;
import vn.hailong.hardware.panel.PanelState;
import vn.hailong.hardware.panel.PanelStatus;
import vn.hailong.hardware.sim.PanelSimulator;
import vn.hailong.kiosk.panel.ConnectedPanel;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.officer.OfficerConsole;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.outbox.SyncStatus;
import vn.hailong.kiosk.panel.PanelConfig;
import vn.hailong.kiosk.panel.PanelConnector;
import vn.hailong.kiosk.rating.RatingListener;
import vn.hailong.kiosk.rating.RatingRecorder;
import vn.hailong.kiosk.rating.RecordedRating;
import vn.hailong.kiosk.rating.Refusal;
import vn.hailong.kiosk.rating.ReasonsPrompt;
import vn.hailong.kiosk.session.RatingSession;
import vn.hailong.kiosk.session.RatingSessions;
import vn.hailong.kiosk.survey.SurveyBankCache;
import vn.hailong.kiosk.survey.SurveyFlow;
import vn.hailong.kiosk.survey.SurveyRecorder;
import vn.hailong.kiosk.ui.CitizenScreen;
import vn.hailong.kiosk.ui.StatusLine;

/** The kiosk at the counter: the screen and keyboard, the recorder, and the sender, wired together. */
@Singleton
public class KioskApp {
    private static final Logger LOG = LoggerFactory.getLogger(KioskApp.class);
    /** A survey left alone this long ends, keeping its answers. */
    private static final Duration SURVEY_IDLE = Duration.ofSeconds(60);
    /** A survey started this soon after a bound rating is about that dossier. */
    private static final Duration SURVEY_BINDS_WITHIN = Duration.ofMinutes(5);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final KioskConfig config;
    private final RatingRecorder recorder;
    private final OutboxSender sender;
    private final OutboxStore outbox;
    private final SyncStatus syncStatus;
    private final PanelConnector panels;
    private final RatingSessions sessions;
    private final PanelConfig panelConfig;
    private final OfficerConsole officer;
    private final SurveyBankCache surveyBank;
    private final SurveyRecorder surveys;
    private final Clock clock;
    /** The survey on screen, if any; touched by the UI thread only. */
    private SurveyFlow survey;
    private volatile RecordedRating lastRecorded;

    public KioskApp(KioskConfig config, RatingRecorder recorder, OutboxSender sender, OutboxStore outbox,
                    SyncStatus syncStatus, PanelConnector panels, RatingSessions sessions, PanelConfig panelConfig,
                    OfficerConsole officer, SurveyBankCache surveyBank, SurveyRecorder surveys, Clock clock) {
        this.config = config;
        this.recorder = recorder;
        this.sender = sender;
        this.outbox = outbox;
        this.syncStatus = syncStatus;
        this.panels = panels;
        this.sessions = sessions;
        this.panelConfig = panelConfig;
        this.officer = officer;
        this.surveyBank = surveyBank;
        this.surveys = surveys;
        this.clock = clock;
    }

    /** Runs the kiosk on {@code terminal} until the operator quits with Ctrl+X (Ctrl+Q too where the terminal passes it; Ctrl+C kills it). */
    public void run(Terminal terminal) throws IOException {
        Screen screen = new TerminalScreen(terminal);
        screen.startScreen();
        if (terminal instanceof ExtendedTerminal extended) {
            // touch screens report a tap as a mouse click
            extended.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
        }
        screen.setCursorPosition(null);
        Optional<ConnectedPanel> serial = Optional.empty();
        try {
            ReasonsPrompt prompt = new ReasonsPrompt(clock, recorder.reasonsTimeout());
            CitizenScreen citizen = new CitizenScreen(screen, recorder.scale(), config.english(), clock,
                    Duration.ofSeconds(config.confirmationSeconds()), prompt);
            recorder.addListener(citizen);
            recorder.addListener(new RatingListener() {
                @Override
                public void recorded(RecordedRating rating) {
                    lastRecorded = rating;
                }

                @Override
                public void refused(Refusal refusal) {
                    // nothing to remember
                }
            });
            KeyboardPanel keyboard = new KeyboardPanel(recorder.scale().size(),
                    Duration.ofMillis(panelConfig.debounceMs()), clock);
            keyboard.start(recorder);
            serial = panels.start(recorder);
            sender.start();
            LOG.info("kiosk {} ready: scale {}, language {}, server {}", config.terminalId(), config.scale(),
                    config.lang(), config.serverUrl());
            long nextStatus = 0;
            StatusLine status = null;
            while (true) {
                KeyStroke key = screen.pollInput();
                if (key != null) {
                    if (isQuit(key)) {
                        LOG.info("operator quit the kiosk");
                        return;
                    }
                    handle(key, citizen, prompt, keyboard, serial);
                }
                if (status == null || System.nanoTime() > nextStatus || key != null) {
                    status = status(serial);
                    nextStatus = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
                finishSurveyIfOver(citizen);
                citizen.draw(status, officer.view(), survey);
                if (key == null) {
                    LockSupport.parkNanos(FRAME_NANOS);
                }
            }
        } finally {
            serial.ifPresent(ConnectedPanel::close);
            sender.close();
            screen.stopScreen();
        }
    }

    /**
     * F2 shows the details; while the reasons prompt is open, digits choose reasons, Enter sends and Esc skips;
     * otherwise digits are rating buttons.
     */
    private void handle(KeyStroke key, CitizenScreen citizen, ReasonsPrompt prompt, KeyboardPanel keyboard,
                        Optional<ConnectedPanel> serial) {
        if (officer.isOpen()) {
            switch (key.getKeyType()) {
                case Escape -> officer.close();
                case Enter -> officer.enter();
                case Backspace -> officer.backspace();
                case Character -> officer.type(key.getCharacter());
                default -> {
                }
            }
            return;
        }
        if (key instanceof MouseAction mouse) {
            if (mouse.getActionType() == MouseActionType.CLICK_DOWN) {
                touch(citizen.targetAt(mouse.getPosition(), survey), citizen, prompt);
            }
        } else if (survey != null) {
            switch (key.getKeyType()) {
                case Character -> {
                    if (Character.isDigit(key.getCharacter())) {
                        survey.choose(key.getCharacter() - '0');
                    }
                }
                case Enter -> survey.next();
                case Escape -> endSurvey(citizen);
                default -> {
                }
            }
        } else if (key.getKeyType() == KeyType.F4) {
            startSurvey();
        } else if (key.getKeyType() == KeyType.F3) {
            officer.open();
        } else if (key.getKeyType() == KeyType.F2) {
            citizen.toggleDetails();
        } else if (prompt.isOpen()) {
            if (key.getKeyType() == KeyType.Character && Character.isDigit(key.getCharacter())) {
                prompt.toggle(key.getCharacter() - '0');
            } else if (key.getKeyType() == KeyType.Enter || key.getKeyType() == KeyType.Escape) {
                prompt.answer(key.getKeyType() == KeyType.Escape).ifPresent(a -> {
                    recorder.finishReasons(a.seq(), a.reasons());
                    citizen.reasonsAnswered();
                });
            }
        } else if (key.getKeyType() == KeyType.Character) {
            rate(key.getCharacter(), keyboard, serial);
        }
    }

    /** A tap: a rating value, or in the reasons prompt a reason, send or skip. */
    private void touch(CitizenScreen.Target target, CitizenScreen citizen, ReasonsPrompt prompt) {
        switch (target.kind()) {
            case VALUE -> recorder.onPress(new Press(target.number(), Press.NO_DEVICE_SEQ, clock.instant(), Channel.TOUCH));
            case REASON -> prompt.toggle(target.number());
            case SEND, SKIP -> prompt.answer(target.kind() == CitizenScreen.Target.Kind.SKIP).ifPresent(a -> {
                recorder.finishReasons(a.seq(), a.reasons());
                citizen.reasonsAnswered();
            });
            case SURVEY -> startSurvey();
            case OPTION -> survey.choose(target.number());
            case NEXT -> survey.next();
            case FINISH -> endSurvey(citizen);
            default -> {
            }
        }
    }

    private void startSurvey() {
        survey = new SurveyFlow(surveyBank.current(), clock, SURVEY_IDLE);
    }

    /** The survey ended by itself (all answered, or idle): store what was answered. */
    private void finishSurveyIfOver(CitizenScreen citizen) {
        if (survey != null && survey.question().isEmpty()) {
            endSurvey(citizen);
        }
    }

    private void endSurvey(CitizenScreen citizen) {
        SurveyFlow ended = survey;
        survey = null;
        RecordedRating last = lastRecorded;
        String dossier = last != null && last.dossierCode() != null
                && last.at().isAfter(clock.instant().minus(SURVEY_BINDS_WITHIN)) ? last.dossierCode() : null;
        try {
            if (surveys.record(ended.finish(), dossier) > 0) {
                citizen.reasonsAnswered();
            }
        } catch (RuntimeException e) {
            LOG.error("the survey could not be stored", e);
        }
    }

    /** With a simulated panel, keys 1-N press its buttons (the demo); otherwise they are the keyboard panel's. */
    private void rate(char c, KeyboardPanel keyboard, Optional<ConnectedPanel> serial) {
        Optional<PanelSimulator> sim = serial.flatMap(ConnectedPanel::simulator);
        if (sim.isPresent()) {
            if (c >= '1' && c <= (char) ('0' + recorder.scale().size())) {
                sim.get().press(c - '0');
            }
        } else {
            keyboard.key(c);
        }
    }

    private StatusLine status(Optional<ConnectedPanel> serial) {
        SyncStatus.Snapshot s = syncStatus.snapshot();
        PanelStatus panel = serial.map(p -> p.driver().status()).orElse(new PanelStatus(PanelState.NONE, "no serial panel"));
        return new StatusLine(config.terminalId(), outbox.pendingCount(), s.lastSyncAt(), s.lastError(),
                s.clockSkewSeconds(), panel, config.serverUrl(), s.lastErrorDetail(),
                serial.map(p -> p.driver().diagnostics()).orElse(null), currentSession(), recorder.storageFailure(),
                outbox.count("REJECTED"));
    }

    /** The open session; none when the database cannot even be read (the storage error says why). */
    private RatingSession currentSession() {
        try {
            return sessions.current().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isQuit(KeyStroke key) {
        if (key.getKeyType() == KeyType.EOF) {
            return true;
        }
        return key.getKeyType() == KeyType.Character && key.isCtrlDown()
                && (key.getCharacter() == 'q' || key.getCharacter() == 'x');
    }
}
