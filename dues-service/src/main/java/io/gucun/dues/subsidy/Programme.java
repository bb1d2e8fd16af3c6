package io.gucun.dues.subsidy;

/** The grant programmes a paying level funds from a budget it allocated (issue 21, point 6). */
public enum Programme {
    /** Per member recruited (Beijing: 30 yuan from the district and 30 from the town/street union); on MemberJoined. */
    RECRUITMENT_SUBSIDY,
    /** Per newly founded union (新建工会启动), on UnionFounded. */
    UNION_STARTUP,
    /** Per member outside standard employment (服务"两非一无"会员项目经费): informal, platform/gig or dispatched work. */
    NONSTANDARD_MEMBER,
    /**
     * The part-time chair's post allowance (兼职工会主席岗位补贴) of an enterprise or joint union, for a year, as far as the
     * members' assessment of the chair allows (AssessmentClosed; see {@link ChairAllowanceRules}). Amounts are per month.
     */
    CHAIR_ALLOWANCE
}
