package io.gucun.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.gucun.gateway.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that quarkus-oidc has already accepted, so that a client calling many times with the same access token
 * pays for one signature and claims check per token instead of one per request (the service behind the gateway checks
 * every request again in any case). Only identities OIDC produced are added: a token it refused (bad signature,
 * {@code alg: none}, wrong issuer or audience, expired) is never here and is checked, and refused, every time; a
 * tampered token has another hash. An entry lives until the token's own {@code exp}, and never longer than
 * {@code token-cache.max-age}. Keyed by the SHA-256 of the token: the tokens themselves are not kept.
 */
@ApplicationScoped
public class VerifiedTokens {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String BEARER = "Bearer ";

    private final boolean enabled;
    private final long maxAgeNanos;
    private final Cache<ByteBuffer, Verified> cache;

    private record Verified(SecurityIdentity identity, long lifetimeNanos) {
    }

    public VerifiedTokens(GatewayConfig config) {
        GatewayConfig.TokenCache c = config.tokenCache();
        this.enabled = c.enabled();
        this.maxAgeNanos = c.maxAge().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(c.maxSize())
                .expireAfter(new Expiry<ByteBuffer, Verified>() {
                    @Override
                    public long expireAfterCreate(ByteBuffer key, Verified value, long currentTime) {
                        return value.lifetimeNanos();
                    }

                    @Override
                    public long expireAfterUpdate(ByteBuffer key, Verified value, long currentTime, long currentDuration) {
                        return value.lifetimeNanos();
                    }

                    @Override
                    public long expireAfterRead(ByteBuffer key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The bearer token of the request, or null when there is none (or the cache is off). */
    String bearer(HttpServerRequest request) {
        if (!enabled) {
            return null;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /** The identity OIDC made of this token earlier, for this request; null when unknown or expired since. */
    SecurityIdentity find(String token, RoutingContext context) {
        Verified verified = cache.getIfPresent(key(token));
        if (verified == null) {
            return null;
        }
        // Whatever reads the request from the identity must see this request, not the one that was verified.
        return copy(verified.identity()).addAttribute(ROUTING_CONTEXT, context).build();
    }

    /** Remembers what OIDC accepted, until the token expires (a token without {@code exp} is not remembered). */
    void remember(String token, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        long expiresAt = jwt.getExpirationTime();
        if (expiresAt <= 0) {
            return;
        }
        long lifetime = Math.min(maxAgeNanos,
                Duration.ofSeconds(expiresAt).minusMillis(System.currentTimeMillis()).toNanos());
        if (lifetime <= 0) {
            return;
        }
        cache.put(key(token), new Verified(copy(identity).build(), lifetime));
    }

    /**
     * Principal, roles, credentials and attributes, without the request the identity was made on (the cache must not
     * keep a finished request alive). Not the permission checkers: the gateway's policies only ask for an
     * authenticated caller; roles and permissions are the services' business.
     */
    private static QuarkusSecurityIdentity.Builder copy(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials());
        identity.getAttributes().forEach((name, value) -> {
            if (!ROUTING_CONTEXT.equals(name)) {
                builder.addAttribute(name, value);
            }
        });
        return builder;
    }

    private static ByteBuffer key(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
