package io.gucun.events.membership;

/**
 * Levels of the union tree, top to bottom. Town/street, joint union and enterprise union are the
 * "small three levels" (小三级) where workers actually meet the union.
 */
public enum OrgKind {
    NATIONAL(0),
    PROVINCE(1),
    CITY(2),
    DISTRICT(3),
    /** Town or street (街道) federation: the first coordinator in rights cases. */
    TOWN(4),
    /** Joint union of an area: park, building, street, community, village. A "reservoir" for workers of firms with no union. */
    JOINT_AREA(5),
    /** Joint union of an industry (couriers, catering, domestic service, ...). */
    JOINT_INDUSTRY(5),
    /** Union founded inside one enterprise. */
    ENTERPRISE(6);

    private final int rank;

    OrgKind(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /**
     * A child must sit lower than its parent; levels may be skipped (Beijing's districts sit directly
     * under a municipality), an enterprise union has no sub-orgs and nothing sits above the national union.
     */
    public boolean canContain(OrgKind child) {
        return this != ENTERPRISE && child != NATIONAL && child.rank > rank;
    }
}
