package io.gucun.dues.subsidy;

/** The grant programmes a paying level funds from a budget it allocated (issue 21, point 6). */
public enum Programme {
    /** Per member recruited (Beijing: 30 yuan from the district and 30 from the town/street union); on MemberJoined. */
    RECRUITMENT_SUBSIDY,
    /** Per newly founded union (新建工会启动), on UnionFounded. */
    UNION_STARTUP,
    /** Per member outside standard employment (服务"两非一无"会员项目经费): informal, platform/gig or dispatched work. */
    NONSTANDARD_MEMBER
}
