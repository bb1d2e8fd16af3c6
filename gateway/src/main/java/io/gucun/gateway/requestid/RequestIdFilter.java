package io.gucun.gateway.requestid;

import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * First thing on every request: settle the request id, put it on the request (so the proxy forwards it upstream) and on
 * the response just before its headers go out (so it is there on every response, errors and CORS preflights included),
 * and on the request's server span (the root of its trace, or a child of the caller's {@code traceparent}).
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Runs before CORS (300), authentication (200) and everything else the gateway registers. */
    public static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        String id = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
        ctx.request().headers().set(RequestIds.HEADER, id);
        // the request id finds the trace: ./gucun trace <id> locally, a search on this attribute in a collector's UI
        Span.current().setAttribute(RequestIds.SPAN_ATTRIBUTE, id);
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(RequestIds.HEADER, id));
        ctx.next();
    }
}
