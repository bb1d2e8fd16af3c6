package io.gucun.gateway.health;

import io.gucun.gateway.proxy.Upstreams;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports, per route, how many instances are healthy out of how many. Informational: the gateway is ready as soon as it
 * runs (a service being down is answered with 503 problems, not by taking the gateway out of rotation).
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements HealthCheck {

    private final Upstreams upstreams;

    public UpstreamsReadiness(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway-upstreams").up();
        upstreams.pools().forEach((route, pool) -> {
            builder.withData(route + ".healthy", pool.healthyCount());
            builder.withData(route + ".total", pool.upstreams().size());
            builder.withData(route + ".inFlight", upstreams.limits().get(route).inFlight());
        });
        return builder.build();
    }
}
