package io.gucun.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyRequest;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Picks the instance for a request and obtains a connection to it. Only the instance's own failure (see
 * {@link UpstreamFailure}) marks it down; waiting in vain for one of the gateway's pooled connections does not. An
 * idempotent request (see {@link RetryPolicy}) then gets one more try on the next instance: nothing of the request has
 * been sent yet, so the retry is safe. When no instance could be used the result is a {@link RouteBusyException} if the
 * last try failed on the gateway's own pool, else a {@link NoUpstreamAvailableException} (both 503).
 */
final class UpstreamOrigin implements OriginRequestProvider {

    private static final Logger LOG = Logger.getLogger(UpstreamOrigin.class);

    private final UpstreamPool pool;
    private final long acquireTimeoutMillis;
    private final long idleTimeoutMillis;

    /**
     * @param acquireTimeoutMillis how long obtaining a connection may take in all (pool wait and TCP connect). It must
     *        exceed the client's TCP connect timeout, so that an instance that does not accept connections fails with a
     *        connect timeout (its fault) before the acquisition timer (the gateway's) fires.
     */
    UpstreamOrigin(UpstreamPool pool, long acquireTimeoutMillis, long idleTimeoutMillis) {
        this.pool = pool;
        this.acquireTimeoutMillis = acquireTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        ProxyRequest request = context.request();
        List<Upstream> candidates = pool.candidates();
        int attempts = RetryPolicy.attempts(request.getMethod(), request.headers(), candidates.size());
        return connect(context.client(), candidates, 0, attempts);
    }

    Future<HttpClientRequest> connect(HttpClient client, List<Upstream> candidates, int index, int attempts) {
        Upstream upstream = candidates.get(index);
        RequestOptions options = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setConnectTimeout(acquireTimeoutMillis)
                .setIdleTimeout(idleTimeoutMillis);
        return client.request(options).map(request -> {
            // Failures of the exchange are answered by ProblemInterceptor; don't let Vert.x log them as unhandled.
            request.exceptionHandler(failure -> LOG.debugf("Exchange with %s failed: %s", upstream, failure));
            return request;
        }).recover(failure -> {
            UpstreamFailure kind = UpstreamFailure.of(failure);
            if (kind == UpstreamFailure.UNREACHABLE && upstream.markDown()) {
                LOG.warnf("Upstream %s of route %s marked down: cannot connect (%s)", upstream, pool.route(),
                        failure.getClass().getSimpleName());
            } else if (kind != UpstreamFailure.UNREACHABLE) {
                LOG.debugf("No connection to upstream %s of route %s (%s, instance not marked down): %s", upstream,
                        pool.route(), kind, failure.toString());
            }
            if (index + 1 < attempts) {
                return connect(client, candidates, index + 1, attempts);
            }
            return Future.failedFuture(kind == UpstreamFailure.GATEWAY_BUSY
                    ? new RouteBusyException(pool.route(), failure)
                    : new NoUpstreamAvailableException(pool.route(), failure));
        });
    }
}
