package io.gucun.dues.ledger;

/** What business fact a journal entry records. */
public enum EntryKind {
    /** Union funds collected from an enterprise (via the tax partner). */
    FUND_COLLECTION,
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
