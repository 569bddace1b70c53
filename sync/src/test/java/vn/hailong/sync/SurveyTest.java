package vn.hailong.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hailong.sync.Batches.with;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The survey question bank and survey events (domain.md §3). */
@MicronautTest(environments = "synctest", transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class SurveyTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    Api api;
    Batches batches;
    String terminal;
    String secret;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURI(), json);
        batches = new Batches(json);
        terminal = "S-" + UUID.randomUUID().toString().substring(0, 8);
        secret = api.provision(terminal, "000.00.15.H12", "1");
    }

    private static Map<String, Object> survey(long seq) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("seq", seq);
        e.put("type", "survey");
        e.put("at", "2026-11-20T08:15:40+07:00");
        e.put("dossierCode", "000.00.15.H12-241120-0007");
        e.put("answers", Map.of("ACCESS", 4, "PROCEDURE", 2, "OFFICER", 1, "RESULT", 4));
        e.put("assessments", Map.of("FEES_POSTED", true, "NO_BROKER", false));
        e.put("expectations", List.of("ONLINE_SERVICES", "WAITING_TIME"));
        return e;
    }

    @Test
    @Order(1)
    void theDefaultBankIsServedToSignedTerminalsOnly() {
        Api.Response bank = api.signedGet(terminal, secret, "/api/v1/sync/survey");
        assertEquals(200, bank.status(), bank.body());
        assertTrue(bank.list("assessments").stream().anyMatch(a -> "NO_BROKER".equals(a.get("code"))));
        assertTrue(bank.list("expectations").stream().anyMatch(a -> "ONLINE_SERVICES".equals(a.get("code"))));
        assertTrue(bank.body().contains("cò mồi"), "Vietnamese first, with diacritics");
        assertEquals(401, api.send("GET", "/api/v1/sync/survey", null).status());
    }

    @Test
    @Order(2)
    void validSurveysAreStoredAndEachBadOneIsRejectedWithItsField() {
        List<Object> events = List.of(survey(1),
                with(survey(2), "answers", Map.of("ACCESS", 6)),
                with(survey(3), "answers", Map.of("PARKING", 3)),
                with(survey(4), "assessments", Map.of("FREE_COFFEE", true)),
                with(survey(5), "assessments", Map.of("NO_BROKER", "yes")),
                with(survey(6), "expectations", List.of("ONLINE_SERVICES", "WAITING_TIME", "FACILITIES", "INFORMATION")),
                with(with(with(survey(7), "answers", null), "assessments", null), "expectations", null),
                with(with(survey(8), "answers", null), "expectations", List.of("INFORMATION")));
        Api.Response r = api.signed(terminal, secret, "/api/v1/sync/batches", batches.body(terminal, events));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.number("accepted"), r.body());
        List<String> fields = r.list("rejected").stream().map(x -> (String) x.get("field")).toList();
        assertEquals(List.of("answers.ACCESS", "answers", "assessments", "assessments.NO_BROKER", "expectations",
                "answers"), fields);
        assertEquals(8, r.number("highestContiguousSeq"));
    }

    @Test
    @Order(3)
    void anOperatorReplacesTheBankAndABadBankChangesNothing() {
        String bad = "{\"assessments\":[{\"code\":\"A1\",\"element\":\"PARKING\",\"vi\":\"x\",\"en\":\"x\"}],"
                + "\"expectations\":[]}";
        Api.Response refused = api.admin("PUT", "/api/v1/admin/survey", bad);
        assertEquals(400, refused.status());
        assertEquals("assessments[0].element", refused.json().get("field"));
        Api.Response twice = api.admin("PUT", "/api/v1/admin/survey", "{\"assessments\":[],\"expectations\":["
                + "{\"code\":\"E\",\"vi\":\"Một\",\"en\":\"One\"},{\"code\":\"E\",\"vi\":\"Hai\",\"en\":\"Two\"}]}");
        assertEquals("expectations[1].code", twice.json().get("field"));
        assertTrue(api.signedGet(terminal, secret, "/api/v1/sync/survey").body().contains("NO_BROKER"));

        String mine = "{\"assessments\":[{\"code\":\"SEATS\",\"element\":\"ACCESS\",\"vi\":\"Đủ ghế ngồi chờ\","
                + "\"en\":\"Enough seats\"}],\"expectations\":[{\"code\":\"PARKING\",\"vi\":\"Chỗ để xe\",\"en\":\"Parking\"}]}";
        assertEquals(200, api.admin("PUT", "/api/v1/admin/survey", mine).status());
        Api.Response now = api.signedGet(terminal, secret, "/api/v1/sync/survey");
        assertEquals("SEATS", now.list("assessments").get(0).get("code"));
        Api.Response old = api.signed(terminal, secret, "/api/v1/sync/batches", batches.body(terminal, List.of(survey(1))));
        assertEquals("assessments", old.list("rejected").get(0).get("field"), "codes outside the new bank are rejected");
        assertEquals(200, api.admin("PUT", "/api/v1/admin/survey", json(vn.hailong.sync.survey.SurveyBank.defaults()))
                .status());
    }

    @Test
    @Order(4)
    void sipasFiguresMatchTheHandComputedOnes() {
        String agency = "SIPAS-" + UUID.randomUUID().toString().substring(0, 6);
        String t = "SP-" + UUID.randomUUID().toString().substring(0, 6);
        String s = api.provision(t, agency, "2");
        List<Object> events = List.of(
                sipas(1, Map.of("ACCESS", 4, "PROCEDURE", 2, "OFFICER", 5),
                        Map.of("FEES_POSTED", true, "NO_BROKER", false, "CLEAR_GUIDANCE", true),
                        List.of("ONLINE_SERVICES", "WAITING_TIME")),
                sipas(2, Map.of("ACCESS", 3, "PROCEDURE", 5), Map.of("FEES_POSTED", true, "NO_BROKER", true),
                        List.of("WAITING_TIME")),
                sipas(3, Map.of("ACCESS", 5), Map.of("FEES_POSTED", false), List.of()));
        Api.Response sent = api.signed(t, s, "/api/v1/sync/batches", batches.body(t, events));
        assertEquals(3, sent.number("accepted"), sent.body());
        Api.Response r = api.send("GET", "/api/v1/reports/sipas?from=2026-07-01&to=2026-07-31&agency=" + agency, null,
                "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(200, r.status(), r.body());
        Map<String, Object> total = r.map("total");
        assertEquals(3, ((Number) total.get("respondents")).intValue());
        assertEquals("72.22", rate(total.get("sipas")));
        Map<String, Map<String, Object>> elements = (Map<String, Map<String, Object>>) total.get("elements");
        assertEquals("66.67", rate(elements.get("ACCESS").get("index")));
        assertEquals(3, ((Number) elements.get("ACCESS").get("answers")).intValue());
        assertEquals("58.33", rate(elements.get("ACCESS").get("assessmentIndex")));
        assertEquals("50.00", rate(elements.get("PROCEDURE").get("index")));
        assertEquals("100.00", rate(elements.get("PROCEDURE").get("assessmentIndex")));
        assertEquals(null, elements.get("RESULT").get("index"));
        assertEquals(null, elements.get("RESULT").get("assessmentIndex"));
        Map<String, Map<String, Object>> assessments = (Map<String, Map<String, Object>>) total.get("assessments");
        assertEquals("ACCESS", assessments.get("NO_BROKER").get("element"));
        assertEquals("50.00", rate(assessments.get("NO_BROKER").get("index")));
        assertEquals(Map.of("ONLINE_SERVICES", 1, "WAITING_TIME", 2), total.get("expectations"));
        assertTrue(((String) r.json().get("report")).contains("khảo sát tại quầy"));
        // weights: ACCESS counts 3 times: (3 × 66.666… + 50 + 100) / 5 = 70.00
        assertEquals(200, api.admin("PUT", "/api/v1/admin/rules", "{\"sipasWeights\":{\"ACCESS\":3}}").status());
        Api.Response weighted = api.send("GET", "/api/v1/reports/sipas?from=2026-07-01&to=2026-07-31&agency=" + agency,
                null, "Authorization", "Bearer " + Api.ADMIN);
        assertEquals("70.00", rate(weighted.map("total").get("sipas")));
        Api.Response badRules = api.admin("PUT", "/api/v1/admin/rules", "{\"sipasWeights\":{\"ACCESS\":0}}");
        assertEquals("sipasWeights.ACCESS", badRules.json().get("field"));
        assertEquals("apologyDeadline", api.admin("PUT", "/api/v1/admin/rules", "{\"apologyDeadline\":\"SOON\"}")
                .json().get("field"));
        assertEquals(200, api.admin("PUT", "/api/v1/admin/rules", "{}").status(), "back to the defaults");
        Api.Response empty = api.send("GET", "/api/v1/reports/sipas?from=2025-01-01&to=2025-01-31&agency=" + agency, null,
                "Authorization", "Bearer " + Api.ADMIN);
        assertEquals(null, empty.map("total").get("sipas"));
        Api.Response csv = api.send("GET", "/api/v1/reports/sipas?from=2026-07-01&to=2026-07-31&format=csv&agency="
                + agency, null, "Authorization", "Bearer " + Api.ADMIN);
        assertTrue(csv.body().contains("TOTAL,3,72.22,3,66.67,58.33,2,50.00,100.00,1,100.00,,0,,,0,,"), csv.body());
    }

    private static String rate(Object v) {
        return v == null ? null : new java.math.BigDecimal(v.toString()).setScale(2).toPlainString();
    }

    private static Map<String, Object> sipas(long seq, Map<String, Integer> answers, Map<String, Boolean> assessments,
                                             List<String> expectations) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("seq", seq);
        e.put("type", "survey");
        e.put("at", "2026-07-15T10:00:00+07:00");
        e.put("answers", answers);
        e.put("assessments", assessments);
        e.put("expectations", expectations);
        return e;
    }

    private String json(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
