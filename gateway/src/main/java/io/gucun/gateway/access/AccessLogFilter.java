package io.gucun.gateway.access;

import io.gucun.gateway.ratelimit.ClientIds;
import io.gucun.gateway.requestid.RequestIds;
import io.gucun.gateway.requestid.RequestIdFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * One line per request: method, path (never the query string), status, duration, request id and client id. No headers,
 * no bodies, no client addresses: nothing personal beyond what the path itself says.
 */
@ApplicationScoped
public class AccessLogFilter {

    public static final String CATEGORY = "io.gucun.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    void register(@Observes Filters filters) {
        filters.register(this::handle, RequestIdFilter.PRIORITY - 1);
    }

    void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        ctx.addEndHandler(done -> {
            if (LOG.isInfoEnabled()) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                LOG.infof("%s %s %d %dms requestId=%s client=%s%s", method, path, ctx.response().getStatusCode(), millis,
                        RequestIds.of(ctx.request()), ClientIds.forLog(ctx), done.failed() && !ctx.response().ended() ? " (connection closed before the response was complete)" : "");
            }
        });
        ctx.next();
    }
}
