package io.gucun.gateway.proxy;

import io.gucun.gateway.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mounts the reverse proxy: {@code /api/<route>/**} → that service, path and query unchanged; {@code GET /openapi/<route>}
 * → the service's OpenAPI document (what the console lists).
 */
@ApplicationScoped
public class ProxyRoutes {

    void mount(@Observes Router router, Upstreams upstreams, GatewayConfig config) {
        long connectTimeout = config.connectTimeout().toMillis();
        long upstreamTimeout = config.upstreamTimeout().toMillis();
        upstreams.pools().forEach((name, pool) -> {
            UpstreamOrigin origin = new UpstreamOrigin(pool, connectTimeout, upstreamTimeout);

            HttpProxy api = HttpProxy.reverseProxy(upstreams.client())
                    .origin(origin)
                    .addInterceptor(new ProblemInterceptor(name))
                    .addInterceptor(new RequestBodyInterceptor(config.bodyLimits()))
                    .addInterceptor(new ForwardedHeadersInterceptor());
            router.route("/api/" + name + "/*").handler(ctx -> api.handle(StreamedBodies.markChunked(ctx.request())));

            HttpProxy document = HttpProxy.reverseProxy(upstreams.client())
                    .origin(origin)
                    .addInterceptor(new ProblemInterceptor(name))
                    .addInterceptor(new RequestBodyInterceptor(config.bodyLimits()))
                    .addInterceptor(new ForwardedHeadersInterceptor())
                    .addInterceptor(new RewriteUriInterceptor(config.routes().get(name).openapiPath()));
            router.route(HttpMethod.GET, "/openapi/" + name).handler(ctx -> document.handle(ctx.request()));
        });
    }
}
