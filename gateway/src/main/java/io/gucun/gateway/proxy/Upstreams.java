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

/** The configured routes' instance pools and the one HTTP client that talks to all of them. */
@ApplicationScoped
public class Upstreams {

    private final Map<String, UpstreamPool> pools;
    private final HttpClient client;

    @Inject
    public Upstreams(GatewayConfig config, Vertx vertx) {
        Map<String, UpstreamPool> byRoute = new LinkedHashMap<>();
        new TreeMap<>(config.routes()).forEach((name, route) -> byRoute.put(name, UpstreamPool.of(name, route.upstreams())));
        this.pools = Collections.unmodifiableMap(byRoute);
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false)
                .setVerifyHost(true);
        this.client = vertx.createHttpClient(options,
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()));
    }

    /** Route name → its pool, in name order. */
    public Map<String, UpstreamPool> pools() {
        return pools;
    }

    public HttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
