package vn.hailong.kiosk.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.hardware.panel.Channel;
import vn.hailong.hardware.panel.Press;
import vn.hailong.hardware.panel.PressOutcome;
import vn.hailong.hardware.Await;
import vn.hailong.kiosk.KioskContexts;
import vn.hailong.hardware.panel.MutableClock;
import vn.hailong.kiosk.config.KioskConfig;
import vn.hailong.kiosk.outbox.OutboxSender;
import vn.hailong.kiosk.outbox.OutboxStore;
import vn.hailong.kiosk.panel.PanelConfig;
import vn.hailong.kiosk.session.RatingSessions;

/** Presses into stored rating events, on a real H2 file. */
class RatingRecorderTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final List<Object> heard = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private RatingSessions sessions(ApplicationContext context) {
        return new RatingSessions(context.getBean(JdbcOperations.class), context.getBean(TransactionOperations.class),
                clock, 60);
    }

    private RatingRecorder recorder(ApplicationContext context) {
        return recorder(context, 0);
    }

    private RatingRecorder recorder(ApplicationContext context, int reasonsTimeoutSeconds) {
        RatingRecorder recorder = new RatingRecorder(context.getBean(OutboxStore.class), context.getBean(OutboxSender.class),
                sessions(context), context.getBean(JsonMapper.class), clock,
                context.getBean(KioskConfig.class), context.getBean(PanelConfig.class), reasonsTimeoutSeconds);
        recorder.addListener(new RatingListener() {
            @Override
            public void recorded(RecordedRating rating) {
                heard.add(rating);
            }

            @Override
            public void refused(Refusal refusal) {
                heard.add(refusal);
            }
        });
        return recorder;
    }

    private Press press(int button) {
        return new Press(button, Press.NO_DEVICE_SEQ, clock.instant(), Channel.BUTTON);
    }

    @Test
    void unboundPressesAreAcceptedAtMostOncePerMinimumInterval() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingRecorder recorder = recorder(context);
            assertEquals(PressOutcome.STORED, recorder.onPress(press(3)));
            clock.advance(Duration.ofMillis(2999));
            assertEquals(PressOutcome.REFUSED, recorder.onPress(press(4)));
            clock.advance(Duration.ofMillis(1));
            assertEquals(PressOutcome.STORED, recorder.onPress(press(4)));
            assertEquals(PressOutcome.REFUSED, recorder.onPress(press(5)), "no button 5 on a 4-point scale");
            assertEquals(Refusal.TOO_SOON, heard.get(1));
            assertEquals(Refusal.NOT_ON_SCALE, heard.get(3));
            assertEquals(2, context.getBean(OutboxStore.class).pendingCount());
        }
    }

    @Test
    void eachStoredEventCarriesItsSeqAndTheWireFields() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = recorder(context);
            for (int button = 1; button <= 4; button++) {
                assertEquals(PressOutcome.STORED, recorder.onPress(press(button)));
            }
            JsonMapper json = context.getBean(JsonMapper.class);
            List<OutboxStore.PendingEvent> pending = context.getBean(OutboxStore.class).pending(10);
            assertEquals(List.of(1L, 2L, 3L, 4L), pending.stream().map(OutboxStore.PendingEvent::seq).toList());
            Map<String, Object> first = json.readValue(pending.get(0).body(), Argument.mapOf(String.class, Object.class));
            assertEquals(1, ((Number) first.get("seq")).intValue());
            assertEquals(pending.get(0).eventId(), first.get("id"));
            assertEquals("rating", first.get("type"));
            assertEquals(4, ((Number) first.get("scale")).intValue());
            assertEquals(1, ((Number) first.get("value")).intValue());
            assertEquals("BUTTON", first.get("channel"));
            assertEquals("2026-11-20T08:00+07:00", first.get("at"), "local offset, from the kiosk's clock");
            assertTrue(heard.get(0) instanceof RecordedRating r && r.seq() == 1);
        }
    }

    @Test
    void seqContinuesAfterARestartWithoutRepeatOrGap() {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = recorder(context);
            recorder.onPress(press(1));
            recorder.onPress(press(2));
        }
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.min-interval-seconds", 0)) {
            recorder(context).onPress(press(3));
            List<Long> seqs = context.getBean(OutboxStore.class).pending(10).stream()
                    .map(OutboxStore.PendingEvent::seq).toList();
            assertEquals(List.of(1L, 2L, 3L), seqs);
        }
    }

    @Test
    void aPressThatCannotBeStoredIsRefusedNotConfirmed() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingRecorder recorder = recorder(context);
            // the database goes away under the kiosk, as when its disk fails
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/kiosk", "sa", "");
                 Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
            assertEquals(PressOutcome.REFUSED, recorder.onPress(press(4)));
            assertEquals(List.of(Refusal.STORAGE_FAILED), heard);
            assertTrue(recorder.storageFailure() != null, "the officer is told why");
        }
    }

    private Map<String, Object> event(ApplicationContext context, OutboxStore.PendingEvent e) throws Exception {
        return context.getBean(JsonMapper.class).readValue(e.body(), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void aPressDuringASessionIsBoundToItsDossierAndClosesIt() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingRecorder recorder = recorder(context);
            RatingSessions sessions = sessions(context);
            recorder.onPress(press(4));                          // unbound
            sessions.open("000.00.15.H12-241120-0007", "cb07", "2.000815");
            assertEquals(PressOutcome.STORED, recorder.onPress(press(2)), "bound: not held to the unbound interval");
            assertTrue(sessions.current().isEmpty(), "the press closed the session");
            assertEquals(PressOutcome.REFUSED, recorder.onPress(press(3)), "unbound again, and too soon");
            List<OutboxStore.PendingEvent> pending = context.getBean(OutboxStore.class).pending(10);
            Map<String, Object> bound = event(context, pending.get(1));
            assertEquals("000.00.15.H12-241120-0007", bound.get("dossierCode"));
            assertEquals("cb07", bound.get("officerId"));
            assertEquals("2.000815", bound.get("procedureCode"));
            assertEquals(2, ((Number) bound.get("value")).intValue());
            assertTrue(!event(context, pending.get(0)).containsKey("dossierCode"));
            assertEquals("000.00.15.H12-241120-0007", ((RecordedRating) heard.get(1)).dossierCode());
        }
    }

    @Test
    void anExpiredSessionBindsNothing() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingRecorder recorder = recorder(context);
            sessions(context).open("D-1", null, null);
            clock.advance(Duration.ofSeconds(61));
            recorder.onPress(press(3));
            OutboxStore.PendingEvent only = context.getBean(OutboxStore.class).pending(10).get(0);
            assertTrue(!event(context, only).containsKey("dossierCode"));
        }
    }

    @Test
    void aDissatisfiedRatingIsHeldUntilItsReasonsAndHoldsBackLaterEvents() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir, "hailong.min-interval-seconds", 0)) {
            RatingRecorder recorder = recorder(context, 20);
            OutboxStore outbox = context.getBean(OutboxStore.class);
            recorder.onPress(press(4));
            recorder.onPress(press(1));                         // dissatisfied: held
            recorder.onPress(press(3));
            assertTrue(((RecordedRating) heard.get(1)).awaitingReasons());
            assertEquals(List.of(1L), outbox.pending(10).stream().map(OutboxStore.PendingEvent::seq).toList(),
                    "nothing at or after the held rating is sent yet");
            assertEquals(3, outbox.pendingCount());
            assertTrue(recorder.finishReasons(2, List.of(SipasElement.OFFICER, SipasElement.RESULT)));
            assertFalse(recorder.finishReasons(2, List.of(SipasElement.ACCESS)), "the first answer wins");
            List<OutboxStore.PendingEvent> pending = outbox.pending(10);
            assertEquals(List.of(1L, 2L, 3L), pending.stream().map(OutboxStore.PendingEvent::seq).toList());
            assertEquals(List.of("OFFICER", "RESULT"), event(context, pending.get(1)).get("reasons"));
            assertEquals(2, ((Number) event(context, pending.get(1)).get("seq")).intValue());
        }
    }

    @Test
    void anUnansweredReasonsPromptTimesOutAndTheRatingIsSentWithoutReasons() throws Exception {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            RatingRecorder recorder = recorder(context, 1);
            OutboxStore outbox = context.getBean(OutboxStore.class);
            recorder.onPress(press(1));
            assertEquals(List.of(), outbox.pending(10));
            Await.until(Duration.ofSeconds(10), () -> outbox.pending(10).size() == 1, () -> "released after 1 s");
            assertTrue(!event(context, outbox.pending(10).get(0)).containsKey("reasons"));
        }
    }

    @Test
    void ratingsStillHeldAtARestartAreReleased() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            recorder(context, 20).onPress(press(1));
            assertEquals(0, context.getBean(OutboxStore.class).pending(10).size());
        }
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            recorder(context, 20);
            assertEquals(1, context.getBean(OutboxStore.class).pending(10).size());
        }
    }

    @Test
    void theRecordedInstantIsTheKiosksClock() {
        try (ApplicationContext context = KioskContexts.offline(dir)) {
            recorder(context).onPress(press(2));
            assertEquals(Instant.parse("2026-11-20T01:00:00Z"), ((RecordedRating) heard.get(0)).at());
        }
    }
}
