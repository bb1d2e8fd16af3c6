package io.gucun.dues.job;

import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who started a job, as far as the work needs: the name it posts under, the roles that decide what it may post, and
 * the org scope. The job runs under this identity, so the same rules apply as in the request, checked again when the
 * work is done.
 */
public record Submitter(String username, Set<String> roles, String orgPath) {

    private static final List<String> RELEVANT = List.of(Roles.ADMIN, Roles.OFFICER, Roles.PARTNER_TAX);

    public static Submitter of(CallerScope caller) {
        return new Submitter(caller.username(), RELEVANT.stream().filter(caller::hasRole).collect(Collectors.toSet()),
                caller.orgPath().orElse(null));
    }

    static Submitter of(String username, String roles, String orgPath) {
        return new Submitter(username, roles.isEmpty() ? Set.of()
                : Arrays.stream(roles.split(",")).collect(Collectors.toSet()), orgPath);
    }

    String rolesText() {
        return roles.stream().sorted().collect(Collectors.joining(","));
    }

    SecurityIdentity identity() {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username))
                .addRoles(roles);
        if (orgPath != null) {
            b.addAttribute(CallerScope.ORG_PATH_CLAIM, orgPath);
        }
        return b.build();
    }
}
