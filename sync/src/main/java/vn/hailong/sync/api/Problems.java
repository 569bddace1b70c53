package vn.hailong.sync.api;

import io.micronaut.http.HttpStatus;

/** The problems the API answers with: a readable detail and, for validation, the field at fault. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + detail).with("field", field);
    }

    /** 503 with Retry-After: nothing was stored, the same request may be sent again. */
    public static ApiProblem busy(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", detail).with("retryAfterSeconds", RETRY_AFTER_SECONDS);
    }

    public static final int RETRY_AFTER_SECONDS = 5;

    public static ApiProblem of(HttpStatus status, String title, String detail) {
        return new ApiProblem(status, title, detail);
    }
}
