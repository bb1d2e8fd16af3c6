package io.gucun.events.membership;

/** Why a membership ended; a code, so events carry no free text (free text stays in the member's record). */
public enum LeaveReason {
    /** The member chose to leave. */
    VOLUNTARY,
    DECEASED,
    /** Moved abroad or out of reach of any union. */
    EMIGRATED,
    /** Expelled under the union's statutes. */
    EXPELLED,
    /** No activity for longer than the lapse policy in force allows (set by a lapse run, not by a request). */
    LAPSED,
    OTHER
}
