package io.gucun.events.membership;

/**
 * How a member works. Changing it never ends a membership: retirees and the unemployed keep theirs.
 * INFORMAL, PLATFORM_GIG and DISPATCHED are the "two non-standard, no union of one's own" groups joint unions serve.
 */
public enum EmploymentForm {
    /** A standard labour contract with an employer. */
    STANDARD,
    /** Informal employment without a labour contract. */
    INFORMAL,
    /** New forms of employment: platform and gig work (couriers, ride-hailing, food delivery ...). */
    PLATFORM_GIG,
    /** Dispatched (agency) labour. */
    DISPATCHED,
    RETIRED,
    UNEMPLOYED
}
