package io.gucun.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Prepares the request for the service. It learns where the request came from ({@code X-Forwarded-For/-Proto/-Host});
 * path, query, Authorization and the request id pass unchanged, except that a path with dot segments
 * ({@code /api/dues/public/../accounts}) is sent in the normalized form the gateway routed and authorized it by, so the
 * gateway and the service can never disagree about which resource a request names.
 */
final class ForwardedHeadersInterceptor implements ProxyInterceptor {

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest inbound = request.proxiedRequest();
        if (inbound.remoteAddress() != null && inbound.remoteAddress().host() != null) {
            String prior = request.headers().get("X-Forwarded-For");
            String client = inbound.remoteAddress().host();
            request.headers().set("X-Forwarded-For", prior == null || prior.isBlank() ? client : prior + ", " + client);
        }
        request.headers().set("X-Forwarded-Proto", inbound.scheme() == null ? "http" : inbound.scheme());
        if (inbound.authority() != null) {
            request.headers().set("X-Forwarded-Host", inbound.authority().toString());
        }
        String path = inbound.path();
        String normalized = path == null ? null : HttpUtils.normalizePath(path);
        if (normalized != null && !normalized.equals(path)) {
            request.setURI(inbound.query() == null ? normalized : normalized + "?" + inbound.query());
        }
        return context.sendRequest();
    }
}
