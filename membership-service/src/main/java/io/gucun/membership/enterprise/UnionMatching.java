package io.gucun.membership.enterprise;

import io.gucun.events.membership.OrgKind;
import java.util.Comparator;
import java.util.List;

/**
 * Which union a worker joins, given their employer: the enterprise union when the employer has one; otherwise a
 * joint union (the "reservoir") — the one the employer sits under, or one of those under the employer's town
 * (area unions before industry unions); failing that the town federation itself.
 */
public final class UnionMatching {

    public enum Reason {
        /** The employer has an active union: join it. */
        ENTERPRISE_UNION,
        /** The employer has none: a joint union covering it. */
        JOINT_UNION,
        /** Neither: the town/street federation the employer sits under. */
        TOWN_FEDERATION,
        /** No employer given (platform and gig work, unemployed): choose a joint union. */
        NO_EMPLOYER,
        /** The credit code names no registered enterprise. */
        EMPLOYER_UNKNOWN,
        /** Nothing nearby admits members. */
        NO_UNION_NEARBY
    }

    public record Candidate(long orgId, String name, OrgKind kind, String path) {
    }

    public record Match(Reason reason, Candidate recommended, List<Candidate> alternatives) {
    }

    private UnionMatching() {
    }

    /**
     * @param enterpriseUnion the employer's active union, or null
     * @param employerOrg     the active org the employer sits under
     * @param jointChildren   the active joint unions directly under {@code employerOrg}
     */
    public static Match match(Candidate enterpriseUnion, Candidate employerOrg, List<Candidate> jointChildren) {
        if (enterpriseUnion != null) {
            return new Match(Reason.ENTERPRISE_UNION, enterpriseUnion, List.of());
        }
        if (isJoint(employerOrg.kind())) {
            return new Match(Reason.JOINT_UNION, employerOrg, List.of());
        }
        List<Candidate> joints = jointChildren.stream().filter(c -> isJoint(c.kind()))
                .sorted(Comparator.comparing((Candidate c) -> c.kind() != OrgKind.JOINT_AREA).thenComparingLong(Candidate::orgId))
                .toList();
        if (!joints.isEmpty()) {
            return new Match(Reason.JOINT_UNION, joints.getFirst(), joints.subList(1, joints.size()));
        }
        if (employerOrg.kind() == OrgKind.TOWN) {
            return new Match(Reason.TOWN_FEDERATION, employerOrg, List.of());
        }
        return new Match(Reason.NO_UNION_NEARBY, null, List.of());
    }

    /** An admission elsewhere is refused when the employer has its own union: the worker belongs there. */
    public static boolean fitsEmployer(Long employerUnionOrgId, long targetOrgId) {
        return employerUnionOrgId == null || employerUnionOrgId == targetOrgId;
    }

    private static boolean isJoint(OrgKind kind) {
        return kind == OrgKind.JOINT_AREA || kind == OrgKind.JOINT_INDUSTRY;
    }
}
