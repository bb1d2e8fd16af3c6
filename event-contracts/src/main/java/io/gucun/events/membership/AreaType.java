package io.gucun.events.membership;

/** What kind of area a joint area union ({@link OrgKind#JOINT_AREA}) gathers the workers of. */
public enum AreaType {
    /** An industrial or business park (园区). */
    PARK,
    /** An office or commercial building (楼宇). */
    BUILDING,
    /** A street (街道/商业街). */
    STREET,
    /** A residential community (社区). */
    COMMUNITY,
    /** A village (村). */
    VILLAGE
}
