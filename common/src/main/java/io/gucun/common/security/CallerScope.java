package io.gucun.common.security;

import io.gucun.common.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling and which part of the union tree they may act on. The org scope comes from the
 * token's {@code org_path} claim (mapped in Keycloak from a user attribute); admins act everywhere.
 * Every service checks it itself: the gateway is not the only wall.
 */
@RequestScoped
public class CallerScope {

    public static final String ORG_PATH_CLAIM = "org_path";

    @Inject
    SecurityIdentity identity;

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String username() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String preferred = jwt.getClaim("preferred_username");
            if (preferred != null) {
                return preferred;
            }
        }
        return identity.getPrincipal().getName();
    }

    /** The token subject (a stable user id), for linking a member to their login. */
    public Optional<String> subject() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.ofNullable(jwt.getSubject()) : Optional.empty();
    }

    public Optional<String> orgPath() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(ORG_PATH_CLAIM);
            if (claim != null && OrgPaths.isWellFormed(claim.toString())) {
                return Optional.of(claim.toString());
            }
        }
        return Optional.ofNullable(identity.<String>getAttribute(ORG_PATH_CLAIM)).filter(OrgPaths::isWellFormed);
    }

    /** Whether the caller may act on the org at {@code path}. */
    public boolean covers(String path) {
        return isAdmin() || orgPath().map(scope -> OrgPaths.isWithin(path, scope)).orElse(false);
    }

    /** 403 unless the caller's scope covers {@code path}. */
    public void requireCovers(String path) {
        if (!covers(path)) {
            throw ApiException.forbidden("this organization is outside your scope");
        }
    }
}
