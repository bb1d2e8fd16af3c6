package io.gucun.membership.member;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.OrgKind;
import io.gucun.membership.org.UnionOrg;
import java.util.EnumSet;
import java.util.Set;

/** Which orgs a worker can be a member of: the enterprise union, an area/industry joint union ("reservoir") or a town/street federation. */
public final class JoinRules {

    public static final Set<OrgKind> JOINABLE = EnumSet.of(OrgKind.ENTERPRISE, OrgKind.JOINT_AREA, OrgKind.JOINT_INDUSTRY,
            OrgKind.TOWN);

    private JoinRules() {
    }

    /** 400 naming {@code field} for a missing org or one of the wrong kind; 422 {@code org-closed} for a closed one. */
    public static void requireJoinable(UnionOrg org, Long requestedId, String field) {
        if (org == null) {
            throw ApiException.invalid(field, "does not name an existing organization");
        }
        requireJoinable(org.id, org.kind, org.status, field);
    }

    static void requireJoinable(long orgId, OrgKind kind, UnionOrg.Status status, String field) {
        if (!JOINABLE.contains(kind)) {
            throw ApiException.invalid(field, "names a " + kind + " organization; members join an ENTERPRISE, "
                    + "JOINT_AREA, JOINT_INDUSTRY or TOWN union");
        }
        if (status != UnionOrg.Status.ACTIVE) {
            throw ApiException.unprocessable("org-closed", "organization " + orgId + " is closed and admits no members");
        }
    }
}
