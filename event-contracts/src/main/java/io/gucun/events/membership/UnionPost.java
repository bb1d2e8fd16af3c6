package io.gucun.events.membership;

/** The post a union worker holds in an organization (see DOMAIN.md, "union workforce"). */
public enum UnionPost {
    /** Professional union social worker (工会社工 / 协理员), employed to serve a federation's area. */
    SOCIAL_WORKER,
    /** Full-time officer (专职工会干部). */
    FULL_TIME_OFFICER,
    /** Part-time officer (兼职工会干部), typically of an enterprise union. */
    PART_TIME_OFFICER,
    /** Chair (工会主席) of the union; elected by its members (规范民主选举). At most one in term per union. */
    CHAIR,
    /** Grid leader (网格长), who leads a community joint union in grid management (Harbin). */
    GRID_LEADER,
    /** Union activist (积极分子), a member who helps the union (Shenzhen). */
    ACTIVIST,
    /**
     * Member of the union committee (工会委员会委员), elected with the committee by the members (added later: consumers
     * that predate it see a post they do not know). Not an officer's post by itself.
     */
    COMMITTEE_MEMBER
}
