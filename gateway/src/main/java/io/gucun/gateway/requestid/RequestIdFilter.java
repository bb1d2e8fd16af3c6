package io.gucun.gateway.requestid;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * First thing on every request: settle the request id, put it on the request (so the proxy forwards it upstream) and on
 * the response just before its headers go out (so it is there on every response, errors and CORS preflights included).
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
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(RequestIds.HEADER, id));
        ctx.next();
    }
}
