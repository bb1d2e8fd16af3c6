package io.gucun.gateway.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, for rate limits and the access log: the token's {@code azp} (client id), else the client address.
 * For public apps used by many people ({@code per-user-clients}), the rate-limit key adds the token's subject.
 */
public final class ClientIds {

    /** @param clientId the token's client id, or null for anonymous callers (then {@code key} is their address) */
    public record ClientId(String key, String clientId) {
    }

    private static final String KEY = ClientIds.class.getName();

    private ClientIds() {
    }

    public static ClientId of(RoutingContext ctx, Set<String> perUserClients) {
        ClientId cached = ctx.get(KEY);
        if (cached != null) {
            return cached;
        }
        JsonWebToken jwt = token(ctx);
        String azp = authorizedParty(jwt);
        ClientId id;
        if (azp != null && perUserClients.contains(azp) && jwt.getSubject() != null) {
            id = new ClientId("azp:" + azp + "|sub:" + jwt.getSubject(), azp);
        } else if (azp != null) {
            id = new ClientId("azp:" + azp, azp);
        } else {
            String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
            id = new ClientId("ip:" + address, null);
        }
        ctx.put(KEY, id);
        return id;
    }

    /** The client id for the access log: never an address (personal data), "anonymous" instead. */
    public static String forLog(RoutingContext ctx) {
        String azp = authorizedParty(token(ctx));
        return azp != null ? azp : "anonymous";
    }

    private static JsonWebToken token(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
                return jwt;
            }
        }
        return null;
    }

    private static String authorizedParty(JsonWebToken jwt) {
        if (jwt == null) {
            return null;
        }
        String azp = jwt.getClaim("azp");
        return azp != null && !azp.isBlank() ? azp : null;
    }
}
