package io.gucun.gateway.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, for rate limits and the access log: the token's {@code azp} (client id), else the client address. */
public final class ClientIds {

    /** @param clientId the token's client id, or null for anonymous callers (then {@code key} is their address) */
    public record ClientId(String key, String clientId) {
    }

    private static final String KEY = ClientIds.class.getName();

    private ClientIds() {
    }

    public static ClientId of(RoutingContext ctx) {
        ClientId cached = ctx.get(KEY);
        if (cached != null) {
            return cached;
        }
        String azp = authorizedParty(ctx);
        ClientId id;
        if (azp != null) {
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
        String azp = authorizedParty(ctx);
        return azp != null ? azp : "anonymous";
    }

    private static String authorizedParty(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
                String azp = jwt.getClaim("azp");
                if (azp != null && !azp.isBlank()) {
                    return azp;
                }
            }
        }
        return null;
    }
}
