package io.gucun.rights.rightscase;

import io.gucun.events.membership.OrgKind;
import java.util.List;
import java.util.Optional;

/**
 * 上代下: which upper org coordinates a case reported at a union. The nearest town/street federation at or
 * above the reporting union (it may be the reporting org itself when a town officer reports); failing that the
 * nearest open org above it; the reporting org itself only at the root of the tree.
 */
public final class CoordinatorRule {

    /** An org on the way up: id, kind, whether it is closed. */
    public record OrgOnPath(long id, OrgKind kind, boolean closed) {
    }

    private CoordinatorRule() {
    }

    /**
     * @param reporting the reporting org
     * @param ancestors the orgs above it, nearest first (parent, grandparent, ..., root)
     */
    public static long coordinatorFor(OrgOnPath reporting, List<OrgOnPath> ancestors) {
        if (isTown(reporting) && !reporting.closed()) {
            return reporting.id();
        }
        Optional<OrgOnPath> town = ancestors.stream().filter(o -> isTown(o) && !o.closed()).findFirst();
        if (town.isPresent()) {
            return town.get().id();
        }
        return ancestors.stream().filter(o -> !o.closed()).findFirst().map(OrgOnPath::id).orElse(reporting.id());
    }

    public static boolean isTown(OrgOnPath org) {
        return org.kind() == OrgKind.TOWN;
    }
}
