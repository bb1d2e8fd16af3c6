package io.gucun.gateway.security;

import io.gucun.gateway.problem.GatewayProblem;
import io.gucun.gateway.problem.ProblemResponses;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/**
 * quarkus-oidc bearer-token authentication, unchanged, except that its 401 challenge carries a problem document
 * (with the request id) instead of an empty body, and that a token OIDC accepted before is not checked again until it
 * expires ({@link VerifiedTokens}). Token validation (signature, issuer, expiry, audience {@code union-api}) is
 * entirely OIDC's.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallengeMechanism implements HttpAuthenticationMechanism {

    private static final ChallengeData BEARER = new ChallengeData(401, "WWW-Authenticate", "Bearer");

    @Inject
    OidcAuthenticationMechanism oidc;

    @Inject
    VerifiedTokens verifiedTokens;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = verifiedTokens.bearer(context.request());
        if (token == null) {
            return oidc.authenticate(context, identityProviderManager);
        }
        SecurityIdentity known = verifiedTokens.find(token, context);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return oidc.authenticate(context, identityProviderManager)
                .invoke(identity -> verifiedTokens.remember(token, identity));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        // A missing token is a 401 even while the identity provider is unreachable.
        return getChallenge(context).onFailure().recoverWithItem(BEARER).map(challenge -> {
            if (context.response().ended()) {
                return true;
            }
            int status = challenge == null ? 401 : challenge.status;
            if (challenge != null) {
                for (Map.Entry<CharSequence, String> header : challenge.getHeaders().entrySet()) {
                    context.response().headers().set(header.getKey(), header.getValue());
                }
            }
            if (!context.response().headers().contains("WWW-Authenticate")) {
                context.response().headers().set("WWW-Authenticate", "Bearer");
            }
            boolean presented = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
            ProblemResponses.send(context, GatewayProblem.forStatus(status), status, presented
                    ? "The bearer token is not valid for this API (signature, issuer, expiry or audience)."
                    : "This resource needs a bearer token (Authorization: Bearer <access token>).");
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority();
    }
}
