package io.gucun.dues.ledger;

/** What money in an org's account is for; every org gets one account per purpose.
 * CASH, BUDGET and MEMBER_BENEFITS (spending) are debit-normal (balance = debits - credits); the fund accounts are
 * credit-normal (balance = credits - debits). */
public enum AccountPurpose {
    /** Money the org holds (bank and cash): debit-normal, the counterpart of the fund accounts below. */
    CASH,
    /**
     * Cash the org has allocated to its grant programmes (subsidies, start-up grants): debit-normal, earmarked, and
     * like CASH never below zero (a database constraint). Each programme fund's share of it is kept in budget_fund.
     */
    BUDGET,
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
    MEMBER_BENEFITS,
    /**
     * Union funds collected for a firm the union has not registered yet (a blind spot), held at the suspense org until
     * the firm is registered and the money is reassigned to its collecting org's COLLECTED_FUNDS. Credit-normal.
     */
    SUSPENSE;

    /** Balance sign: +1 when debits increase the balance. */
    public int debitSign() {
        // keep in step with ledger_signed() in V13__balances_never_negative.sql
        return this == CASH || this == BUDGET || this == MEMBER_BENEFITS ? 1 : -1;
    }
}
