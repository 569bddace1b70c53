package vn.hailong.sync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hailong.sync.ingest.SipasElement;

/**
 * The answers {@link JsonAnswer} writes are the bytes the framework's serializers wrote for the same values before
 * (the application's setting: nulls written), for random figures with nulls, Vietnamese and characters to escape.
 */
class JsonAnswerTest {
    private static final String[] TEXT = {"A100", "Sở Tư pháp", "cán bộ \"Lê\"", "dòng\nmới\t", "\u0001", "", "€"};

    private static ObjectMapper.CloseableObjectMapper framework;

    @BeforeAll
    static void frameworkMapper() {
        framework = ObjectMapper.create(Map.of("micronaut.serde.serialization.inclusion", "ALWAYS"), "vn.hailong.sync");
    }

    @AfterAll
    static void close() throws IOException {
        framework.close();
    }

    @Test
    void instantsAreWrittenAsOffsetDateTimeWritesThem() {
        Random random = new Random(6);
        List<OffsetDateTime> instants = new ArrayList<>(List.of(
                OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(7)),
                OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 1_000_000, ZoneOffset.ofHoursMinutes(-9, -30)),
                OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 120_000, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 7, ZoneOffset.UTC),
                OffsetDateTime.of(7, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC),
                OffsetDateTime.of(12026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-44, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3))));
        int[] nanos = {0, 0, 1_000_000, 1_000, 1};
        for (int i = 0; i < 20_000; i++) {
            instants.add(OffsetDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(3) == 0 ? 0 : random.nextInt(60),
                    nanos[random.nextInt(nanos.length)] * random.nextInt(1_000), ZoneOffset.ofTotalSeconds(
                            60 * (random.nextInt(2 * 18 * 60 + 1) - 18 * 60))));
        }
        char[] text = new char[JsonAnswer.INSTANT_CHARS];
        for (OffsetDateTime t : instants) {
            String written = new String(JsonAnswer.bytes(g -> {
                g.writeStartObject();
                JsonAnswer.instant(g, "t", t, text);
                g.writeEndObject();
            }), StandardCharsets.UTF_8);
            assertEquals("{\"t\":\"" + t + "\"}", written);
        }
    }

    @Test
    void theSipasAnswerIsWhatTheFrameworkWrote() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            ReportQuery query = query(random);
            List<SipasController.Row> rows = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                rows.add(new SipasController.Row(text(random), query.groupBy() == GroupBy.COUNTER ? text(random) : null,
                        figures(random)));
            }
            SipasReport.Figures total = figures(random);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("report", "SIPAS (khảo sát tại quầy)");
            body.put("from", query.from().toString());
            body.put("to", query.to().toString());
            body.put("agency", query.agency());
            body.put("groupBy", query.groupBy() == null ? null : query.groupBy().parameter());
            body.put("rows", rows);
            body.put("total", total);
            assertSame(framework.writeValueAsBytes(body),
                    JsonAnswer.bytes(g -> SipasController.write(g, query, rows, total)));
        }
    }

    @Test
    void theApologyAnswerIsWhatTheFrameworkWrote() throws IOException {
        Random random = new Random(8);
        for (int round = 0; round < 200; round++) {
            ReportQuery query = query(random);
            OffsetDateTime asOf = instant(random);
            List<ApologyReport.Finding> late = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                late.add(new ApologyReport.Finding(text(random), text(random), text(random), text(random),
                        LocalDate.of(2026, 3, 1 + random.nextInt(28)), instant(random),
                        random.nextBoolean() ? null : instant(random), text(random),
                        ApologyReport.FLAGS.subList(random.nextInt(3), 3 + random.nextInt(5))));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", text(random));
                row.putAll(ApologyReport.figures(late.subList(0, random.nextInt(late.size() + 1))));
                rows.add(row);
            }
            boolean listed = random.nextBoolean();
            String deadline = random.nextBoolean() ? null : text(random);
            List<Map<String, Object>> repeated = ApologyReport.repeatedLateness(late, 1);

            Map<String, Object> total = ApologyReport.figures(late);
            Map<String, Object> oldTotal = new LinkedHashMap<>(total);
            if (listed) {   // as the controller listed them before: a record per dossier, instants as strings
                List<Map<String, Object>> list = new ArrayList<>();
                for (ApologyReport.Finding f : late) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("code", f.code());
                    d.put("agencyCode", f.agencyCode());
                    d.put("officerId", f.officerId());
                    d.put("procedureCode", f.procedureCode());
                    d.put("dueAt", f.dueAt().toString());
                    d.put("returnedAt", f.returnedAt() == null ? null : f.returnedAt().toString());
                    d.put("responsibleAgency", f.responsibleAgency());
                    d.put("flags", f.flags());
                    list.add(d);
                }
                oldTotal.put("dossiers", list);
            }
            oldTotal.put("repeatedLateness", repeated);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("report", "apology");
            body.put("from", query.from().toString());
            body.put("to", query.to().toString());
            body.put("asOf", asOf.toString());
            body.put("apologyDeadline", deadline);
            body.put("agency", query.agency());
            body.put("groupBy", query.groupBy() == null ? null : query.groupBy().parameter());
            body.put("rows", rows);
            body.put("total", oldTotal);
            ApologyAnswer answer = new ApologyAnswer(query, asOf, deadline, rows, total, listed ? late : null, repeated);
            assertSame(framework.writeValueAsBytes(body), JsonAnswer.bytes(answer::write));
        }
    }

    @Test
    void aValueItCannotWriteIsNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JsonAnswer.bytes(g -> JsonAnswer.value(g, LocalDate.of(2026, 1, 1))));
        assertTrue(e.getMessage().contains("java.time.LocalDate"), e.getMessage());
    }

    private static void assertSame(byte[] expected, byte[] written) {
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
        assertTrue(Arrays.equals(expected, written));
    }

    private static ReportQuery query(Random random) {
        GroupBy[] groupings = GroupBy.values();
        LocalDate from = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(400));
        return new ReportQuery(from, from.plusDays(random.nextInt(400)), random.nextBoolean() ? null : text(random),
                random.nextInt(4) == 0 ? null : groupings[random.nextInt(groupings.length)], false);
    }

    private static SipasReport.Figures figures(Random random) {
        Map<String, SipasReport.ElementFigures> elements = new LinkedHashMap<>();
        for (SipasElement e : SipasElement.values()) {
            elements.put(e.name(), new SipasReport.ElementFigures(random.nextInt(10_000), decimal(random), decimal(random)));
        }
        Map<String, SipasReport.AssessmentFigures> assessments = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            assessments.put(text(random) + i, new SipasReport.AssessmentFigures(random.nextBoolean() ? null : text(random),
                    random.nextInt(1_000), decimal(random)));
        }
        Map<String, Long> expectations = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            expectations.put(text(random) + i, (long) random.nextInt(1_000));
        }
        return new SipasReport.Figures(random.nextInt(100_000), elements, decimal(random), assessments, expectations);
    }

    private static BigDecimal decimal(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new BigDecimal("100.00");
            default -> BigDecimal.valueOf(random.nextInt(10_001), 2);
        };
    }

    private static OffsetDateTime instant(Random random) {
        return OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                random.nextInt(60), random.nextBoolean() ? 0 : random.nextInt(60), random.nextBoolean() ? 0
                        : random.nextInt(1_000) * 1_000_000, random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(7));
    }

    private static String text(Random random) {
        return TEXT[random.nextInt(TEXT.length)];
    }
}
