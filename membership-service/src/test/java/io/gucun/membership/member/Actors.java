package io.gucun.membership.member;

import io.gucun.common.security.Roles;
import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Switches who calls the API in the middle of a test (a worker applies, an officer approves), the way
 * {@code @TestSecurity} + {@code @OidcSecurity} set it for a whole test method: a JWT principal with
 * {@code sub}, {@code preferred_username} and {@code org_path} claims, and realm roles.
 */
final class Actors {

    private Actors() {
    }

    static void admin() {
        as("admin.li", "admin-li-sub", "1", Roles.ADMIN);
    }

    static void officer(String name, String orgPath) {
        as(name, name + "-sub", orgPath, Roles.OFFICER);
    }

    static void member(String subject) {
        as("worker-" + subject, subject, null, Roles.MEMBER);
    }

    static void as(String username, String subject, String orgPath, String... roles) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", username);
        claims.put("sub", subject);
        if (orgPath != null) {
            claims.put("org_path", orgPath);
        }
        var identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new Jwt(username, claims))
                .addRoles(Set.of(roles))
                .build();
        association().setTestIdentity(identity);
    }

    static void nobody() {
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
