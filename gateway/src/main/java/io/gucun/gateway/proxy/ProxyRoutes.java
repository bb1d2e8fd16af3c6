package io.gucun.gateway.proxy;

import io.gucun.gateway.GatewayConfig;
import io.gucun.gateway.problem.GatewayProblem;
import io.gucun.gateway.problem.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mounts the reverse proxy: {@code /api/<route>/**} → that service, path and query unchanged, at most the route's
 * in-flight bound at once (beyond it 503 {@code gateway-busy} at once); {@code GET /openapi/<route>} → the service's
 * OpenAPI document (what the console lists).
 */
@ApplicationScoped
public class ProxyRoutes {

    /** Seconds a client is asked to wait after a 503 {@code gateway-busy}: congestion passes quickly. */
    static final String RETRY_AFTER_BUSY = "1";

    static String busyDetail(String route) {
        return "The gateway has too many requests for service '" + route + "' in progress. Try again in a moment.";
    }

    void mount(@Observes Router router, Upstreams upstreams, GatewayConfig config, MeterRegistry meters) {
        // The client's TCP connect timeout fires first; only time spent waiting for a pooled connection goes beyond it.
        long acquireTimeout = config.connectTimeout().plus(config.poolWaitTimeout()).toMillis();
        long upstreamTimeout = config.upstreamTimeout().toMillis();
        upstreams.pools().forEach((name, pool) -> {
            UpstreamOrigin origin = new UpstreamOrigin(pool, acquireTimeout, upstreamTimeout);
            InFlightLimit limit = upstreams.limits().get(name);
            Gauge.builder("gateway.route.in.flight", limit, InFlightLimit::inFlight).tag("route", name)
                    .description("Requests of the route in progress at the gateway").register(meters);
            Counter refused = Counter.builder("gateway.route.busy").tag("route", name)
                    .description("Requests answered 503 gateway-busy because the route's in-flight bound was reached")
                    .register(meters);

            HttpProxy api = HttpProxy.reverseProxy(upstreams.client())
                    .origin(origin)
                    .addInterceptor(new ProblemInterceptor(name))
                    .addInterceptor(new RequestBodyInterceptor(config.bodyLimits()))
                    .addInterceptor(new ForwardedHeadersInterceptor());
            router.route("/api/" + name + "/*").handler(ctx -> {
                if (!limit.tryAcquire()) {
                    refused.increment();
                    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_BUSY);
                    ProblemResponses.send(ctx, GatewayProblem.GATEWAY_BUSY, busyDetail(name));
                    return;
                }
                // called once, whether the response ends or the connection goes first
                ctx.addEndHandler(ended -> limit.release());
                api.handle(StreamedBodies.markChunked(ctx.request()));
            });

            HttpProxy document = HttpProxy.reverseProxy(upstreams.client())
                    .origin(origin)
                    .addInterceptor(new ProblemInterceptor(name))
                    .addInterceptor(new RequestBodyInterceptor(config.bodyLimits()))
                    .addInterceptor(new ForwardedHeadersInterceptor())
                    .addInterceptor(new RewriteUriInterceptor(config.routes().get(name).openapiPath()));
            router.route(HttpMethod.GET, "/openapi/" + name).handler(ctx -> document.handle(ctx.request()));
        });
    }
}
