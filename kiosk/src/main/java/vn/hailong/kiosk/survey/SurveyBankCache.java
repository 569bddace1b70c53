package vn.hailong.kiosk.survey;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The question bank last fetched from the server, kept in the kiosk's database so the survey works offline.
 * Never fetched: the survey asks only the five element questions, whose codes the server always accepts.
 */
@Singleton
public class SurveyBankCache {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyBankCache.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;
    private volatile SurveyQuestions current;
    private volatile Instant fetchedAt;

    public SurveyBankCache(JdbcOperations jdbc, TransactionOperations<Connection> tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    public SurveyQuestions current() {
        if (current == null) {
            String body = tx.executeRead(status -> jdbc.prepareStatement("SELECT body FROM survey_bank_cache WHERE id = 1",
                    ps -> {
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getString(1) : null;
                        }
                    }));
            SurveyQuestions cached = body == null ? null : parse(body);
            current = cached == null ? SurveyQuestions.elementsOnly() : cached;
        }
        return current;
    }

    /** When the bank was last fetched in this run (null: not yet). */
    public Instant fetchedAt() {
        return fetchedAt;
    }

    /** Keeps a bank the server sent; a body that does not parse is ignored (the old bank stays). */
    public void store(String body, Instant now) {
        SurveyQuestions parsed = parse(body);
        if (parsed == null) {
            return;
        }
        tx.executeWrite(status -> {
            jdbc.prepareStatement("DELETE FROM survey_bank_cache", ps -> ps.executeUpdate());
            return jdbc.prepareStatement("INSERT INTO survey_bank_cache (id, body, fetched_at) VALUES (1, ?, ?)", ps -> {
                ps.setString(1, body);
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            });
        });
        current = parsed;
        fetchedAt = now;
    }

    private SurveyQuestions parse(String body) {
        try {
            return json.readValue(body, SurveyQuestions.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("survey bank from the server could not be read: {}", e.getMessage());
            return null;
        }
    }
}
