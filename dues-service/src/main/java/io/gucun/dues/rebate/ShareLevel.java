package io.gucun.dues.rebate;

import io.gucun.events.membership.OrgKind;

/** Who receives a part of a collection: the grassroots union (or, without one, the share held for the firm) and each level above. */
public enum ShareLevel {
    /** The enterprise's own union; for a firm without one, the same share held for it (released when it founds one). */
    GRASSROOTS(null),
    TOWN(OrgKind.TOWN),
    DISTRICT(OrgKind.DISTRICT),
    CITY(OrgKind.CITY),
    PROVINCE(OrgKind.PROVINCE),
    NATIONAL(OrgKind.NATIONAL);

    private final OrgKind kind;

    ShareLevel(OrgKind kind) {
        this.kind = kind;
    }

    /** The kind of org that receives this level's share; null for GRASSROOTS. */
    public OrgKind kind() {
        return kind;
    }

    /** The levels above the grassroots, lowest first. */
    public static final java.util.List<ShareLevel> UPPER = java.util.List.of(TOWN, DISTRICT, CITY, PROVINCE, NATIONAL);
}
