package io.gucun.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyRequest;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Picks the instance for a request and connects to it. A connection failure marks the instance down; an idempotent
 * request (see {@link RetryPolicy}) then gets one more try on the next instance. Nothing of the request has been sent
 * when connecting fails, so the retry is safe. When no instance can be reached the result is a
 * {@link NoUpstreamAvailableException} (503).
 */
final class UpstreamOrigin implements OriginRequestProvider {

    private static final Logger LOG = Logger.getLogger(UpstreamOrigin.class);

    private final UpstreamPool pool;
    private final long connectTimeoutMillis;
    private final long idleTimeoutMillis;

    UpstreamOrigin(UpstreamPool pool, long connectTimeoutMillis, long idleTimeoutMillis) {
        this.pool = pool;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        ProxyRequest request = context.request();
        List<Upstream> candidates = pool.candidates();
        int attempts = RetryPolicy.attempts(request.getMethod(), request.headers(), candidates.size());
        return connect(context, candidates, 0, attempts);
    }

    private Future<HttpClientRequest> connect(ProxyContext context, List<Upstream> candidates, int index, int attempts) {
        Upstream upstream = candidates.get(index);
        RequestOptions options = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(idleTimeoutMillis);
        return context.client().request(options).map(request -> {
            // Failures of the exchange are answered by ProblemInterceptor; don't let Vert.x log them as unhandled.
            request.exceptionHandler(failure -> LOG.debugf("Exchange with %s failed: %s", upstream, failure));
            return request;
        }).recover(failure -> {
            if (upstream.markDown()) {
                LOG.warnf("Upstream %s of route %s marked down: cannot connect (%s)", upstream, pool.route(),
                        failure.getClass().getSimpleName());
            }
            if (index + 1 < attempts) {
                return connect(context, candidates, index + 1, attempts);
            }
            return Future.failedFuture(new NoUpstreamAvailableException(pool.route(), failure));
        });
    }
}
