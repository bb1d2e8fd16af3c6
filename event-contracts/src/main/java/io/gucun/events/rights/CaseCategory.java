package io.gucun.events.rights;

/** What a rights case is about. */
public enum CaseCategory {
    WAGE_ARREARS,
    LABOUR_CONTRACT,
    DISMISSAL,
    SOCIAL_INSURANCE,
    WORK_INJURY,
    OBSTRUCTION_OF_UNION_FOUNDING,
    RETALIATION_AGAINST_UNION_OFFICER,
    COLLECTIVE_DISPUTE
}
