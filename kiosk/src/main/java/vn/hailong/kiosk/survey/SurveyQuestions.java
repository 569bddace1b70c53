package vn.hailong.kiosk.survey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The question bank the server hands out (GET /api/v1/sync/survey): yes/no statements and improvement areas. */
@Serdeable
public record SurveyQuestions(@Nullable List<Statement> assessments, @Nullable List<Choice> expectations) {

    /** A yes/no statement; {@code true} is the good finding. */
    @Serdeable
    public record Statement(String code, String element, String vi, String en) {
        public String text(boolean english) {
            return english ? en : vi;
        }
    }

    /** An improvement area a citizen may pick. */
    @Serdeable
    public record Choice(String code, String vi, String en) {
        public String text(boolean english) {
            return english ? en : vi;
        }
    }

    public List<Statement> statements() {
        return assessments == null ? List.of() : assessments;
    }

    public List<Choice> choices() {
        return expectations == null ? List.of() : expectations;
    }

    /** Before any bank was fetched: only the five element questions, whose codes need no bank. */
    public static SurveyQuestions elementsOnly() {
        return new SurveyQuestions(List.of(), List.of());
    }
}
