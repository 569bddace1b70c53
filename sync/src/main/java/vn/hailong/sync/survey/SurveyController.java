package vn.hailong.sync.survey;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hailong.sync.ingest.TerminalAuthenticator;

/** The survey question bank: set by an ADMIN operator, fetched by terminals (signed). */
@Controller("/api/v1")
public class SurveyController {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyController.class);
    private static final byte[] EMPTY = new byte[0];

    private final SurveyBankStore banks;
    private final TerminalAuthenticator authenticator;
    private final Clock clock;

    public SurveyController(SurveyBankStore banks, TerminalAuthenticator authenticator, Clock clock) {
        this.banks = banks;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    @Put("/admin/survey")
    public SurveyBank replace(@Body SurveyBank bank) {
        SurveyBank stored = banks.replace(bank, clock.instant());
        LOG.info("survey bank replaced: {} assessments, {} expectations", stored.assessments().size(),
                stored.expectations().size());
        return stored;
    }

    @Get("/admin/survey")
    public SurveyBank read() {
        return banks.current();
    }

    /** Signed like every terminal call; a GET has an empty body, whose SHA-256 is signed. */
    @Get("/sync/survey")
    public SurveyBank forTerminal(HttpRequest<?> request) {
        authenticator.authenticate(request, EMPTY);
        return banks.current();
    }
}
