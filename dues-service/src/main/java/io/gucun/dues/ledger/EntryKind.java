package io.gucun.dues.ledger;

/** What business fact a journal entry records. */
public enum EntryKind {
    /** Union funds collected from an enterprise (via the tax partner). */
    FUND_COLLECTION,
    /** Union funds from a firm the union has not registered: held in SUSPENSE. */
    SUSPENDED_COLLECTION,
    /** Suspended union funds moved to the collecting org of the firm once it is registered. */
    SUSPENSE_REASSIGNMENT,
    /** Dues paid by a member. */
    DUES_PAYMENT,
    /** A rebate run moving the grassroots share down the tree. */
    REBATE,
    /** A grassroots share held for a firm without a union, released to its union or to the joint union. */
    HELD_SHARE_RELEASE,
    /** Subsidies per member recruited. */
    SUBSIDY,
    /** Cash earmarked for a grant programme fund, or withdrawn from it. */
    BUDGET_ALLOCATION,
    /** Spending on projects that benefit members directly. */
    BENEFIT_SPENDING,
    /** Entered by hand by an officer or admin. */
    MANUAL,
    /** Undoes another entry. */
    REVERSAL
}
