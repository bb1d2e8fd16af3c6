package io.gucun.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/** Sends the request to a fixed path upstream: {@code /openapi/<route>} → the service's OpenAPI document. */
final class RewriteUriInterceptor implements ProxyInterceptor {

    private final String uri;

    RewriteUriInterceptor(String uri) {
        this.uri = uri;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        context.request().setURI(uri);
        return context.sendRequest();
    }
}
