package io.gucun.gateway.problem;

import io.gucun.gateway.requestid.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes RFC 9457 problem documents: {type, title, status, detail, instance, requestId}. Never a stack trace. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The JSON body; {@code instance} is the request path without its query string. */
    public static Buffer body(GatewayProblem problem, int status, String detail, String path, String requestId) {
        JsonObject json = new JsonObject()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", status)
                .put("detail", detail);
        if (path != null) {
            json.put("instance", path);
        }
        if (requestId != null) {
            json.put("requestId", requestId);
        }
        return json.toBuffer();
    }

    public static void send(RoutingContext ctx, GatewayProblem problem, String detail) {
        send(ctx, problem, problem.status(), detail);
    }

    public static void send(RoutingContext ctx, GatewayProblem problem, int status, String detail) {
        send(ctx.request(), problem, status, detail);
    }

    public static void send(HttpServerRequest request, GatewayProblem problem, int status, String detail) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Buffer body = body(problem, status, detail, request.path(), RequestIds.of(request));
        if (response.headWritten()) {
            // Too late for a problem document: the upstream's status line is already out.
            response.reset();
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, GatewayProblem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
