package io.gucun.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, rendered as problem+json with the given status. Thrown by domain
 * rules and resources; never carries personal data in its message.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors,
                        Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation", "Invalid request", field + " " + message,
                List.of(new FieldError(field, message)), null);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "validation", "Invalid request",
                errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                        : errors.size() + " fields are invalid", errors, null);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not-found", "Not found", what + " " + id + " does not exist", null, null);
    }

    public static ApiException conflict(String type, String detail, Map<String, Object> extensions) {
        return new ApiException(409, type, "Conflict", detail, null, extensions);
    }

    /** A request that is well-formed but breaks a domain rule (an illegal state transition, a closed period). */
    public static ApiException unprocessable(String type, String detail) {
        return new ApiException(422, type, "Rule violated", detail, null, null);
    }

    /**
     * An {@code Idempotency-Key} sent again with a different request: the first request's result stands, the new
     * request is refused (422) instead of being silently answered with the first one's result.
     */
    public static ApiException idempotencyKeyReused() {
        return new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was used for a different request; send a new key with a new request",
                List.of(new FieldError("Idempotency-Key", "was used for a different request")), null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
