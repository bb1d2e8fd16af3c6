package io.gucun.membership;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets one test act as different callers whose org scope is only known at run time (the test builds its own
 * tree): name it in {@code @TestSecurity(augmentors = ActingAs.class)}, then call {@link #admin()} or
 * {@link #officer(String)} before each request. Until set (and after {@link #reset()}) identities pass unchanged.
 */
@ApplicationScoped
public class ActingAs implements SecurityIdentityAugmentor {

    private static volatile String role;
    private static volatile String orgPath;

    public static void admin() {
        set("admin", "1");
    }

    public static void officer(String path) {
        set("officer", path);
    }

    public static void member(String path) {
        set("member", path);
    }

    /** Any realm role, e.g. a partner's ({@code partner-tax}), with an optional org scope. */
    public static void as(String r, String path) {
        set(r, path);
    }

    public static void reset() {
        role = null;
        orgPath = null;
    }

    private static void set(String r, String path) {
        role = r;
        orgPath = path;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        String r = role;
        String path = orgPath;
        if (r == null || identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(r + "@" + path))
                .addRole(r)
                .addAttribute("org_path", path)
                .build());
    }
}
