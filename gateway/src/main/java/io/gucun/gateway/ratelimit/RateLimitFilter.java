package io.gucun.gateway.ratelimit;

import io.gucun.gateway.problem.GatewayProblem;
import io.gucun.gateway.problem.ProblemResponses;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Applies the per-client token bucket to proxied traffic ({@code /api/**}, {@code /openapi/**}). Runs after the token
 * was authenticated (so the client id is known) and before the permission check; over the limit → 429 with
 * {@code Retry-After} in seconds.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** Between authentication (200) and authorization (100). */
    public static final int PRIORITY = 160;

    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (!limiter.enabled() || ctx.request().method() == HttpMethod.OPTIONS
                || !(path.startsWith("/api/") || path.startsWith("/openapi/"))) {
            ctx.next();
            return;
        }
        long waitNanos = limiter.tryAcquire(limiter.clientOf(ctx));
        if (waitNanos == 0) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ProblemResponses.send(ctx, GatewayProblem.RATE_LIMITED,
                "Rate limit exceeded for this client. Retry after " + seconds + " s.");
    }
}
