package io.gucun.gateway.proxy;

import io.gucun.gateway.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Wraps the request body on its way upstream in a {@link RequestBodyStream}: a body of unknown length (chunked, or
 * HTTP/2 without Content-Length) is counted and the exchange aborted (→ 413) once it passes the limit; a declared
 * Content-Length over the limit never gets here ({@code BodySizeFilter}).
 */
final class RequestBodyInterceptor implements ProxyInterceptor {

    private static final String STREAM = RequestBodyInterceptor.class.getName() + ".stream";

    private final GatewayConfig.BodyLimits limits;

    RequestBodyInterceptor(GatewayConfig.BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        Body body = context.request().getBody();
        if (body != null && body.length() < 0 && carriesNoBody(context.request().getMethod())) {
            // HTTP/2 declares no Content-Length: forwarded as is, an empty GET would go upstream as a chunked body
            context.request().setBody(Body.body(Buffer.buffer()));
        } else if (body != null) {
            long length = body.length();
            String uri = context.request().getURI();
            int query = uri.indexOf('?');
            long limit = limits.limitFor(query < 0 ? uri : uri.substring(0, query));
            RequestBodyStream stream = new RequestBodyStream(body.stream(), length < 0 ? limit : Long.MAX_VALUE);
            context.set(STREAM, stream);
            context.request().setBody(Body.body(stream, length));
        }
        return context.sendRequest();
    }

    private static boolean carriesNoBody(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    static boolean exceeded(ProxyContext context) {
        RequestBodyStream stream = context.get(STREAM, RequestBodyStream.class);
        return stream != null && stream.exceeded();
    }

    static long limit(ProxyContext context) {
        RequestBodyStream stream = context.get(STREAM, RequestBodyStream.class);
        return stream == null ? -1 : stream.limit();
    }
}
