package vn.hailong.sync.survey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The question bank of the counter survey (domain.md §3): yes/no assessment statements, each phrased so that
 * {@code true} is the good finding and each belonging to one SIPAS element, and the improvement areas a
 * citizen may pick (at most three).
 */
@Serdeable
public record SurveyBank(@Nullable List<Assessment> assessments, @Nullable List<Expectation> expectations) {

    @Serdeable
    public record Assessment(@Nullable String code, @Nullable String element, @Nullable String vi, @Nullable String en) {
    }

    @Serdeable
    public record Expectation(@Nullable String code, @Nullable String vi, @Nullable String en) {
    }

    public boolean hasAssessment(String code) {
        return assessments.stream().anyMatch(a -> a.code().equals(code));
    }

    public boolean hasExpectation(String code) {
        return expectations.stream().anyMatch(e -> e.code().equals(code));
    }

    /** The bank a new server starts with, from the provincial schemes' typical statements. */
    public static SurveyBank defaults() {
        return new SurveyBank(List.of(
                new Assessment("FEES_POSTED", "ACCESS", "Thủ tục và lệ phí được niêm yết công khai",
                        "The procedure and its fee were posted publicly"),
                new Assessment("NO_BROKER", "ACCESS", "Không có người môi giới (cò mồi) tiếp cận tôi",
                        "No broker approached me"),
                new Assessment("CLEAR_GUIDANCE", "PROCEDURE", "Tôi được hướng dẫn đầy đủ, một lần",
                        "I was given complete guidance, once"),
                new Assessment("NO_EXTRA_FEE", "OFFICER", "Tôi không bị yêu cầu nộp thêm ngoài phí, lệ phí quy định",
                        "I was asked for nothing beyond the official fee"),
                new Assessment("ON_TIME", "RESULT", "Tôi nhận kết quả đúng hẹn", "I got the result on the promised date"),
                new Assessment("FEEDBACK_CHANNEL", "FEEDBACK", "Có nơi tiếp nhận góp ý, phản ánh",
                        "There is a place to give feedback")),
                List.of(
                        new Expectation("ONLINE_SERVICES", "Mở rộng dịch vụ công trực tuyến", "More online services"),
                        new Expectation("WAITING_TIME", "Giảm thời gian chờ", "Shorter waiting time"),
                        new Expectation("SIMPLER_PROCEDURES", "Đơn giản hóa thủ tục", "Simpler procedures"),
                        new Expectation("OFFICER_ATTITUDE", "Thái độ công chức tốt hơn", "Better officer attitude"),
                        new Expectation("FACILITIES", "Cơ sở vật chất tốt hơn", "Better facilities"),
                        new Expectation("INFORMATION", "Thông tin rõ ràng hơn", "Clearer information")));
    }
}
