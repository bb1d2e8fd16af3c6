package io.gucun.rights;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets one test act as several callers whose org scope is only known at run time (each test builds its own tree):
 * name it in {@code @TestSecurity(augmentors = ActingAs.class)}, then call e.g. {@link #worker(String)} or
 * {@link #officer(String, String)} before each request. The principal name doubles as the caller's id (the token
 * subject in production). Until set (and after {@link #reset()}) identities pass unchanged.
 */
@ApplicationScoped
public class ActingAs implements SecurityIdentityAugmentor {

    private static volatile String role;
    private static volatile String orgPath;
    private static volatile String name;

    public static void admin() {
        set("admin", "1", "admin");
    }

    public static void officer(String name, String path) {
        set("officer", path, name);
    }

    public static void worker(String name) {
        set("member", null, name);
    }

    public static void lawyer(String name) {
        set("lawyer", null, name);
    }

    public static void partner(String role) {
        set(role, null, role);
    }

    public static void reset() {
        role = null;
        orgPath = null;
        name = null;
    }

    private static void set(String r, String path, String n) {
        role = r;
        orgPath = path;
        name = n;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        String r = role;
        if (r == null || identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        var builder = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(r);
        if (orgPath != null) {
            builder.addAttribute("org_path", orgPath);
        }
        return Uni.createFrom().item(builder.build());
    }
}
