package io.gucun.gateway.proxy;

import io.gucun.gateway.problem.GatewayProblem;
import io.gucun.gateway.problem.ProblemResponses;
import io.gucun.gateway.requestid.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns a failed upstream exchange into the gateway's problem document instead of the proxy library's empty 502:
 * nothing reachable → 503, no connection of the gateway's free in time → 503 busy, upstream silent past the timeout → 504, body over the limit → 413, anything else → 502.
 */
final class ProblemInterceptor implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(ProblemInterceptor.class);

    private final String route;

    ProblemInterceptor(String route) {
        this.route = route;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> Future.succeededFuture(problem(context, failure)));
    }

    private ProxyResponse problem(ProxyContext context, Throwable failure) {
        GatewayProblem problem;
        String detail;
        if (RequestBodyInterceptor.exceeded(context) || has(failure, BodyTooLargeException.class)) {
            problem = GatewayProblem.PAYLOAD_TOO_LARGE;
            detail = "The request body exceeds the gateway's limit of " + RequestBodyInterceptor.limit(context) + " bytes.";
        } else if (has(failure, RouteBusyException.class)) {
            problem = GatewayProblem.GATEWAY_BUSY;
            detail = ProxyRoutes.busyDetail(route);
        } else if (has(failure, NoUpstreamAvailableException.class)) {
            problem = GatewayProblem.NO_UPSTREAM;
            detail = "No instance of service '" + route + "' is reachable right now. Try again later.";
        } else if (has(failure, TimeoutException.class)) {
            problem = GatewayProblem.UPSTREAM_TIMEOUT;
            detail = "Service '" + route + "' did not answer in time.";
        } else {
            problem = GatewayProblem.BAD_GATEWAY;
            detail = "Service '" + route + "' failed to answer.";
            LOG.debugf("Upstream exchange for route %s failed: %s", route, failure.toString());
        }
        HttpServerRequest inbound = context.request().proxiedRequest();
        ProxyResponse response = context.request().release().response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, GatewayProblem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(ProblemResponses.body(problem, problem.status(), detail, inbound.path(),
                        RequestIds.of(inbound))));
        if (problem == GatewayProblem.PAYLOAD_TOO_LARGE && inbound.version() != HttpVersion.HTTP_2) {
            // The rest of the body is still on the wire: do not keep reading it (HTTP/2 just ends the stream).
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        if (problem == GatewayProblem.NO_UPSTREAM) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        } else if (problem == GatewayProblem.GATEWAY_BUSY) {
            response.putHeader(HttpHeaders.RETRY_AFTER, ProxyRoutes.RETRY_AFTER_BUSY);
        }
        return response;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
