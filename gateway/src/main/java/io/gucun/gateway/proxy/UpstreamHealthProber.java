package io.gucun.gateway.proxy;

import io.gucun.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Asks every instance for its readiness ({@code /q/health/ready}) every few seconds, through its own client
 * ({@link Upstreams#probeClient()}), never the proxy's connections: 2xx marks it up, anything else (a 503 of a service
 * whose database is gone, a refused connection, no answer within the timeout on a connection of its own) marks it down.
 * A refused connection during proxying also marks an instance down; only this check brings it back.
 */
@ApplicationScoped
public class UpstreamHealthProber {

    private static final Logger LOG = Logger.getLogger(UpstreamHealthProber.class);

    private final Upstreams upstreams;
    private final GatewayConfig.HealthCheck config;
    private final Vertx vertx;
    private long timerId = -1;

    public UpstreamHealthProber(Upstreams upstreams, GatewayConfig config, Vertx vertx) {
        this.upstreams = upstreams;
        this.config = config.healthCheck();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            probeAll();
            timerId = vertx.setPeriodic(config.interval().toMillis(), id -> probeAll());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Checks every instance once; completes when all answers (or timeouts) are in. */
    public Future<Void> probeAll() {
        List<Future<Void>> checks = new ArrayList<>();
        upstreams.pools().values().forEach(pool -> pool.upstreams().forEach(u -> checks.add(probe(u))));
        return Future.join(checks).mapEmpty();
    }

    Future<Void> probe(Upstream upstream) {
        long timeout = config.timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(config.path())
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout);
        return upstreams.probeClient().request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .transform(result -> {
                    if (result.succeeded() && result.result() >= 200 && result.result() < 300) {
                        if (upstream.markHealthy()) {
                            LOG.infof("Upstream %s of route %s is healthy again", upstream, upstream.route());
                        }
                    } else if (upstream.markDown()) {
                        LOG.warnf("Upstream %s of route %s marked down: readiness check %s", upstream, upstream.route(),
                                result.succeeded() ? "answered " + result.result() : "failed ("
                                        + result.cause().getClass().getSimpleName() + ")");
                    }
                    return Future.<Void> succeededFuture();
                });
    }
}
