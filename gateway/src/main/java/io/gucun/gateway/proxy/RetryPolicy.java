package io.gucun.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * Which requests may be sent to a second instance after the first could not be connected to: idempotent methods, and
 * any request carrying an {@code Idempotency-Key} (the service deduplicates those).
 */
public final class RetryPolicy {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.OPTIONS);

    private RetryPolicy() {
    }

    public static boolean mayRetry(HttpMethod method, MultiMap headers) {
        return IDEMPOTENT.contains(method) || headers.contains(IDEMPOTENCY_KEY);
    }

    /** How many instances to try: two when the request may be retried (and there is a second), else one. */
    public static int attempts(HttpMethod method, MultiMap headers, int available) {
        return Math.min(available, mayRetry(method, headers) ? 2 : 1);
    }
}
