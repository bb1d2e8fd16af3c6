package io.gucun.gateway.problem;

/**
 * The problems the gateway itself answers with. Each has a stable, machine-readable {@code type} in the same URN scheme
 * (and, where the meaning is the same, the same slug) as the services' problems; upstream responses pass untouched.
 */
public enum GatewayProblem {
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    BAD_REQUEST(400, "bad-request", "Bad request"),
    INTERNAL_ERROR(500, "internal", "Internal error"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    NO_UPSTREAM(503, "upstream-unavailable", "Service unavailable"),
    /** The gateway's own capacity for a route is used up (in-flight bound, pooled connections); the service is fine. */
    GATEWAY_BUSY(503, "gateway-busy", "Service unavailable"),
    AUTHENTICATION_UNAVAILABLE(503, "authentication-unavailable", "Service unavailable"),
    UPSTREAM_TIMEOUT(504, "upstream-timeout", "Gateway timeout");

    public static final String TYPE_PREFIX = "urn:gucun:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String type;
    private final String title;

    GatewayProblem(int status, String slug, String title) {
        this.status = status;
        this.type = TYPE_PREFIX + slug;
        this.title = title;
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

    /** The problem for a status some other layer (Quarkus, Vert.x) decided on: the first declared for that status. */
    public static GatewayProblem forStatus(int status) {
        for (GatewayProblem p : values()) {
            if (p.status == status) {
                return p;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}
