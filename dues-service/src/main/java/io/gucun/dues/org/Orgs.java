package io.gucun.dues.org;

import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.events.membership.OrgKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Look-ups in the local org tree, with the caller's subtree check. */
@ApplicationScoped
public class Orgs {

    @Inject
    CallerScope caller;

    /** The org, if the caller may see it; 404 otherwise (existence outside one's scope is not revealed). */
    public KnownOrg visible(long orgId) {
        KnownOrg org = KnownOrg.findById(orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("organization", orgId);
        }
        return org;
    }

    /** The orgs on a path, root first (those known locally). */
    public static List<KnownOrg> ancestorsOrSelf(String path) {
        List<Long> ids = Arrays.stream(path.split("\\.")).map(Long::parseLong).toList();
        Map<Long, KnownOrg> byId = KnownOrg.<KnownOrg>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        List<KnownOrg> chain = new ArrayList<>();
        for (Long id : ids) {
            Optional.ofNullable(byId.get(id)).ifPresent(chain::add);
        }
        return chain;
    }

    /** The nearest org of that kind on the path, the org itself included, looking upwards. */
    public static Optional<KnownOrg> nearest(List<KnownOrg> rootFirst, OrgKind kind) {
        List<KnownOrg> up = new ArrayList<>(rootFirst);
        Collections.reverse(up);
        return up.stream().filter(o -> o.kind == kind).findFirst();
    }
}
