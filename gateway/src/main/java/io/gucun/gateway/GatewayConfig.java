package io.gucun.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything under {@code gucun.gateway.*}. Quarkus's own keys (OIDC, CORS, body size, console) stay under {@code quarkus.*}. */
@ConfigMapping(prefix = "gucun.gateway")
public interface GatewayConfig {

    /**
     * One entry per service, keyed by its name. The name is also its path segment: route {@code membership} serves
     * {@code /api/membership/**} (forwarded unchanged) and its OpenAPI document at {@code /openapi/membership}.
     */
    Map<String, Route> routes();

    /** How long an upstream may stay silent (no response bytes) before the gateway answers 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    /** How long connecting to an upstream may take before it counts as a connection failure. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a request may wait for one of the gateway's own connections to an upstream when all of them are busy.
     * Running out is the gateway's congestion, not the upstream's failure: answered 503 {@code gateway-busy}, the
     * instance stays up.
     */
    @WithDefault("2s")
    Duration poolWaitTimeout();

    /** Connections kept per upstream. */
    @WithDefault("64")
    int maxConnectionsPerUpstream();

    /**
     * Requests a route may have in progress at once (unless the route sets its own {@code max-in-flight}); the next one
     * is answered 503 {@code gateway-busy} with {@code Retry-After} at once instead of queueing. 64 keeps a service on
     * a 2-core machine busy without a queue building up in the gateway; keep it at most
     * {@code max-connections-per-upstream} × instances, so that admitted requests do not wait for a connection.
     */
    @WithDefault("64")
    int maxInFlightPerRoute();

    HealthCheck healthCheck();

    BodyLimits bodyLimits();

    /**
     * Request-body limits: the usual one, and a larger one for bulk uploads (partner files of a million rows) under
     * the given path prefixes. {@code quarkus.http.limits.max-body-size} must be at least the larger one.
     */
    interface BodyLimits {
        @WithDefault("10M")
        MemorySize maxBodySize();

        @WithDefault("4G")
        MemorySize bulkMaxBodySize();

        @WithDefault("/api/outreach/imports/,/api/dues/collection-imports")
        List<String> bulkPaths();

        /** The limit for a request path (no query). */
        default long limitFor(String path) {
            for (String prefix : bulkPaths()) {
                if (path != null && path.startsWith(prefix)) {
                    return bulkMaxBodySize().asLongValue();
                }
            }
            return maxBodySize().asLongValue();
        }
    }

    RateLimit rateLimit();

    TokenCache tokenCache();

    /**
     * Bearer tokens quarkus-oidc accepted are remembered (by their SHA-256) until they expire, so a client's next calls
     * with the same token skip the signature check; refused tokens are never remembered.
     */
    interface TokenCache {
        @WithDefault("true")
        boolean enabled();

        /** Tokens remembered at most; the least recently used go first. */
        @WithDefault("10000")
        long maxSize();

        /** Longest a token is trusted without a new check, even when it expires later. */
        @WithDefault("5m")
        Duration maxAge();
    }

    interface Route {
        /** Base URLs ({@code http://host:port}, no path) of the service's instances, load-balanced round-robin. */
        List<String> upstreams();

        /** Path and query of the service's OpenAPI document, proxied at {@code /openapi/<route>}. */
        @WithDefault("/q/openapi?format=json")
        String openapiPath();

        /** This route's bound on requests in progress; {@code max-in-flight-per-route} when not set. */
        Optional<Integer> maxInFlight();
    }

    interface HealthCheck {
        @WithDefault("true")
        boolean enabled();

        /** Time between two checks of every upstream's readiness. */
        @WithDefault("5s")
        Duration interval();

        @WithDefault("/q/health/ready")
        String path();

        @WithDefault("2s")
        Duration timeout();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per client (token-bucket refill rate). */
        @WithDefault("50")
        double perSecond();

        /** Bucket size: how many requests a client may send at once after a quiet spell. */
        @WithDefault("100")
        int burst();

        /** Overrides per client id (the token's {@code azp}), e.g. {@code clients.partner-tax.per-second=200}. */
        Map<String, ClientLimit> clients();

        /**
         * Public apps that many people use at once: their limit applies to each user (token subject) of the app, not
         * to all of them together. Confidential clients (partners) keep one limit per client.
         */
        @WithDefault("union-app,union-console")
        List<String> perUserClients();

        interface ClientLimit {
            Optional<Double> perSecond();

            Optional<Integer> burst();
        }
    }
}
