package vn.hailong.sync.survey;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hailong.sync.api.Problems;
import vn.hailong.sync.ingest.SipasElement;

/** The current question bank: the operator's, or the built-in default until an operator sets one. */
@Singleton
public class SurveyBankStore {
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,32}");

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    public SurveyBankStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public SurveyBank current() {
        String body = jdbc.prepareStatement("SELECT body FROM survey_bank WHERE id = 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        if (body == null) {
            return SurveyBank.defaults();
        }
        try {
            return json.readValue(body, SurveyBank.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the bank after checking it whole; a bad bank changes nothing. */
    @Transactional
    public SurveyBank replace(SurveyBank bank, Instant now) {
        validate(bank);
        String body;
        try {
            body = json.writeValueAsString(bank);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.prepareStatement("DELETE FROM survey_bank", ps -> ps.executeUpdate());
        jdbc.prepareStatement("INSERT INTO survey_bank (id, body, updated_at) VALUES (1, ?, ?)", ps -> {
            ps.setString(1, body);
            ps.setObject(2, now.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        });
        return bank;
    }

    static void validate(SurveyBank bank) {
        if (bank.assessments() == null) {
            throw Problems.invalid("assessments", "is required (an empty list is allowed)");
        }
        if (bank.expectations() == null) {
            throw Problems.invalid("expectations", "is required (an empty list is allowed)");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < bank.assessments().size(); i++) {
            SurveyBank.Assessment a = bank.assessments().get(i);
            String field = "assessments[" + i + "]";
            code(field, a.code(), codes);
            if (a.element() == null || !SipasElement.isCode(a.element())) {
                throw Problems.invalid(field + ".element", "must be ACCESS, PROCEDURE, OFFICER, RESULT or FEEDBACK");
            }
            texts(field, a.vi(), a.en());
        }
        codes.clear();
        for (int i = 0; i < bank.expectations().size(); i++) {
            SurveyBank.Expectation e = bank.expectations().get(i);
            String field = "expectations[" + i + "]";
            code(field, e.code(), codes);
            texts(field, e.vi(), e.en());
        }
    }

    private static void code(String field, String code, Set<String> seen) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw Problems.invalid(field + ".code", "must be 1-32 of A-Z, 0-9 and _ (for example NO_BROKER)");
        }
        if (!seen.add(code)) {
            throw Problems.invalid(field + ".code", code + " appears twice");
        }
    }

    private static void texts(String field, String vi, String en) {
        for (String[] t : List.of(new String[] {"vi", vi}, new String[] {"en", en})) {
            if (t[1] == null || t[1].isBlank() || t[1].length() > 300) {
                throw Problems.invalid(field + "." + t[0], "is required, at most 300 characters");
            }
        }
    }
}
