package io.gucun.dues.ledger;

/** What money in an org's account is for; every org gets one account per purpose. */
public enum AccountPurpose {
    /** Union funds and dues collected at this org before any rebate. */
    COLLECTED_FUNDS,
    /** The share rebated down to this org as grassroots. */
    GRASSROOTS_SHARE,
    /** The share kept by or remitted to the upper level. */
    UPPER_SHARE,
    /** Held for an enterprise that has no union yet, until it founds one. */
    PREPARATORY_FUND,
    /** Subsidies received, e.g. per member recruited. */
    SUBSIDIES,
    /** Spending on projects that benefit members directly. */
    MEMBER_BENEFITS
}
