package io.gucun.gateway.limits;

import io.gucun.gateway.GatewayConfig;
import io.gucun.gateway.problem.GatewayProblem;
import io.gucun.gateway.problem.ProblemResponses;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared Content-Length exceeds its path's limit ({@code gucun.gateway.body-limits}) with a
 * 413 problem, ahead of Quarkus's own check (which answers with an empty body and only knows the largest limit).
 * Chunked bodies are counted while streamed upstream.
 */
@ApplicationScoped
public class BodySizeFilter {

    /** After authorization (100), before Quarkus's own upload limit (route order -2). */
    public static final int PRIORITY = 5;

    private final GatewayConfig.BodyLimits limits;

    public BodySizeFilter(GatewayConfig config) {
        this.limits = config.bodyLimits();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                closeAfterResponse(ctx);
                ProblemResponses.send(ctx, GatewayProblem.BAD_REQUEST, "Content-Length is not a number.");
                return;
            }
            long limit = limits.limitFor(ctx.request().path());
            if (length > limit) {
                closeAfterResponse(ctx);
                ProblemResponses.send(ctx, GatewayProblem.PAYLOAD_TOO_LARGE,
                        "The request body (" + length + " bytes) exceeds the gateway's limit of " + limit + " bytes.");
                return;
            }
        }
        ctx.next();
    }

    /** The unread body is still on the wire: HTTP/1.x closes the connection (HTTP/2 just ends the stream). */
    private static void closeAfterResponse(RoutingContext ctx) {
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
    }
}
