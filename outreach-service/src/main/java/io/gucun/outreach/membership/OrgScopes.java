package io.gucun.outreach.membership;

import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Resolves the org subtree a request is about and checks that the caller may see it. */
@RequestScoped
public class OrgScopes {

    @Inject
    CallerScope caller;

    /** The known org, 404 when unknown or outside the caller's scope (existence outside the scope is private). */
    public KnownOrg visibleOrg(long orgId, String field) {
        KnownOrg org = KnownOrg.findById(orgId);
        if (org == null) {
            throw ApiException.invalid(field, "names no known union organization");
        }
        if (!caller.covers(org.path)) {
            throw ApiException.forbidden("this organization is outside your scope");
        }
        return org;
    }

    /** The subtree root path for a list: the given org (checked), else the caller's own scope. */
    public String subtree(Long orgId) {
        if (orgId != null) {
            return visibleOrg(orgId, "orgId").path;
        }
        if (caller.isAdmin()) {
            return "1";
        }
        return caller.orgPath().orElseThrow(() -> ApiException.forbidden("your token names no org scope"));
    }

    /** The org at the root of {@link #subtree(Long)}; 404 when the caller's own scope names no known org. */
    public KnownOrg subtreeRoot(Long orgId) {
        String path = subtree(orgId);
        @SuppressWarnings("unchecked")
        java.util.List<KnownOrg> found = KnownOrg.getEntityManager()
                .createNativeQuery("select * from known_org where path = cast(?1 as ltree)", KnownOrg.class)
                .setParameter(1, path).getResultList();
        return found.stream().findFirst().orElseThrow(() -> ApiException.notFound("org with path", path));
    }

    public void requireCovers(String path) {
        caller.requireCovers(path);
    }

    public String username() {
        return caller.username();
    }
}
