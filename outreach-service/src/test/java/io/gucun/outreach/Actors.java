package io.gucun.outreach;

import io.gucun.common.security.Roles;
import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Switches who calls the API in the middle of a test: a JWT principal with username, subject, org_path and realm roles. */
public final class Actors {

    private Actors() {
    }

    public static void admin() {
        as("admin.li", "1", Roles.ADMIN);
    }

    public static void officer(String name, String orgPath) {
        as(name, orgPath, Roles.OFFICER);
    }

    public static void partner(String client, String role) {
        as(client, null, role);
    }

    public static void as(String username, String orgPath, String... roles) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", username);
        claims.put("sub", username + "-sub");
        if (orgPath != null) {
            claims.put("org_path", orgPath);
        }
        association().setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new Jwt(username, claims)).addRoles(Set.of(roles)).build());
    }

    public static void nobody() {
        association().setTestIdentity(null);
    }

    private static TestIdentityAssociation association() {
        return Arc.container().instance(TestIdentityAssociation.class).get();
    }

    private record Jwt(String name, Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }
}
