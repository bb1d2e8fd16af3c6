package io.gucun.events.membership;

/** How a member was admitted to an org. */
public enum JoinVia {
    /** An officer of the org approved the member's application. */
    APPLICATION,
    /** An officer registered and admitted the worker on the spot (e.g. at a worker communication meeting). */
    ON_SITE,
    /** The org's join policy in force on the day of the application admitted it at once. */
    AUTO_APPROVED
}
