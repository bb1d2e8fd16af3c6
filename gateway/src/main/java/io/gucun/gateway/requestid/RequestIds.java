package io.gucun.gateway.requestid;

import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** The request id rule: keep a caller's well-formed {@code X-Request-Id}, otherwise mint a UUID. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The span attribute that holds it on the gateway's server span. */
    public static final io.opentelemetry.api.common.AttributeKey<String> SPAN_ATTRIBUTE =
            io.opentelemetry.api.common.AttributeKey.stringKey("gucun.request_id");
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /** The caller's id when well-formed, else a fresh one. */
    public static String acceptOrGenerate(String candidate) {
        return isWellFormed(candidate) ? candidate : UUID.randomUUID().toString();
    }

    /** The id settled for this request (the filter writes it into the request headers, so it is also forwarded). */
    public static String of(HttpServerRequest request) {
        String id = request.getHeader(HEADER);
        return isWellFormed(id) ? id : null;
    }
}
