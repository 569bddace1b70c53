package vn.hailong.sync.api;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem to answer with; thrown from anywhere in a request, rendered by {@link ApiProblemHandler}. */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem document: title, status, detail, then the extra members. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", getMessage());
        body.putAll(properties);
        return body;
    }
}
