package io.gucun.rights.rightscase;

/** What someone does to a case; each action leads from some states to one state. */
public enum CaseAction {
    /** The coordinating org takes the reported case over (第一协调人): REPORTED → ACCEPTED. */
    TAKE_OVER,
    /** Work starts (a track is opened, a letter is issued, ...): ACCEPTED → IN_PROGRESS. */
    START,
    /** IN_PROGRESS → RESOLVED, with a resolution. */
    RESOLVE,
    /** A resolved case is not settled after all: RESOLVED → IN_PROGRESS. */
    REOPEN,
    /** Ends the case: after resolution, or without one (not a rights matter, no response possible). */
    CLOSE,
    /** The reporter (or an officer on their word) withdraws an open case. */
    WITHDRAW
}
