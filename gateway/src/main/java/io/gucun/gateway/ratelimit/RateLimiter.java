package io.gucun.gateway.ratelimit;

import io.gucun.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per client, in memory; rate and burst from config with per-client overrides. */
@ApplicationScoped
public class RateLimiter {

    private static final long SWEEP_MILLIS = 60_000;

    private final GatewayConfig.RateLimit config;
    private final Vertx vertx;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Set<String> perUserClients;
    private long sweeper = -1;

    public RateLimiter(GatewayConfig config, Vertx vertx) {
        this.config = config.rateLimit();
        this.vertx = vertx;
        this.perUserClients = Set.copyOf(this.config.perUserClients());
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Who this request counts against: the client, or for a public app the user of it. */
    public ClientIds.ClientId clientOf(RoutingContext ctx) {
        return ClientIds.of(ctx, perUserClients);
    }

    /** @return 0 when the request may pass, else nanoseconds until this client may send again */
    public long tryAcquire(ClientIds.ClientId client) {
        long now = System.nanoTime();
        return buckets.computeIfAbsent(client.key(), k -> newBucket(client, now)).tryTake(now);
    }

    private TokenBucket newBucket(ClientIds.ClientId client, long now) {
        double perSecond = config.perSecond();
        int burst = config.burst();
        GatewayConfig.RateLimit.ClientLimit override = client.clientId() == null ? null : config.clients().get(client.clientId());
        if (override != null) {
            perSecond = override.perSecond().orElse(perSecond);
            burst = override.burst().orElse(burst);
        }
        return new TokenBucket(perSecond, burst, now);
    }

    void start(@Observes StartupEvent event) {
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }
}
