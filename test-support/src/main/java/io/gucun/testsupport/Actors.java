package io.gucun.testsupport;

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
public final class Actors {

    private Actors() {
    }

    public static void admin() {
        as("admin.li", "admin-li-sub", "1", Roles.ADMIN);
    }

    public static void officer(String name, String orgPath) {
        as(name, name + "-sub", orgPath, Roles.OFFICER);
    }

    /** A worker, known by the token subject only (no org scope). */
    public static void member(String subject) {
        as("worker-" + subject, subject, null, Roles.MEMBER);
    }

    /** A partner's client (e.g. {@code partner-tax}) holding the partner's realm role. */
    public static void partner(String client, String role) {
        as(client, client + "-sub", null, role);
    }

    public static void as(String username, String subject, String orgPath, String... roles) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", username);
        claims.put("sub", subject);
        if (orgPath != null) {
            claims.put("org_path", orgPath);
        }
        association().setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new Jwt(username, claims))
                .addRoles(Set.of(roles))
                .build());
    }

    /** Back to the identity the test method's own annotations give (none: anonymous). */
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
