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

    public static ApiProblem of(HttpStatus status, String title, String detail) {
        return new ApiProblem(status, title, detail);
    }
}
