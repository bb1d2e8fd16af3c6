package io.gucun.gateway.proxy;

import io.gucun.gateway.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured routes' instance pools and in-flight bounds, the HTTP client that proxies to all of them, and a
 * second one for the health probes: a probe must reach the instance even when every proxy connection is busy, or the
 * gateway's congestion would read as the instance's failure.
 */
@ApplicationScoped
public class Upstreams {

    /** Probes of one instance at a time, each on a new connection (that it can be opened is part of the check). */
    private static final int PROBE_CONNECTIONS = 2;

    private final Map<String, UpstreamPool> pools;
    private final Map<String, InFlightLimit> limits;
    private final HttpClient client;
    private final HttpClient probeClient;

    @Inject
    public Upstreams(GatewayConfig config, Vertx vertx) {
        Map<String, UpstreamPool> byRoute = new LinkedHashMap<>();
        new TreeMap<>(config.routes()).forEach((name, route) -> byRoute.put(name, UpstreamPool.of(name, route.upstreams())));
        this.pools = Collections.unmodifiableMap(byRoute);
        Map<String, InFlightLimit> limitByRoute = new LinkedHashMap<>();
        byRoute.keySet().forEach(name -> limitByRoute.put(name, new InFlightLimit(name,
                config.routes().get(name).maxInFlight().orElse(config.maxInFlightPerRoute()))));
        this.limits = Collections.unmodifiableMap(limitByRoute);
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false)
                .setVerifyHost(true);
        this.client = vertx.createHttpClient(options,
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()));
        this.probeClient = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.healthCheck().timeout().toMillis())
                        .setKeepAlive(false)
                        .setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(PROBE_CONNECTIONS));
    }

    /** Route name → its pool, in name order. */
    public Map<String, UpstreamPool> pools() {
        return pools;
    }

    /** Route name → its bound on requests in progress. */
    public Map<String, InFlightLimit> limits() {
        return limits;
    }

    /** Proxies requests. */
    public HttpClient client() {
        return client;
    }

    /** Health probes only. */
    public HttpClient probeClient() {
        return probeClient;
    }

    @PreDestroy
    void close() {
        client.close();
        probeClient.close();
    }
}
