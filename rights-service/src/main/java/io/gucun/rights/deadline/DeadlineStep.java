package io.gucun.rights.deadline;

/** The steps that have a deadline in working days under the dated policy. */
public enum DeadlineStep {
    /** REPORTED → ACCEPTED: the coordinating org takes the case over. */
    TAKEOVER,
    /** ACCEPTED → IN_PROGRESS. */
    START,
    /** IN_PROGRESS → RESOLVED. */
    RESOLUTION,
    /** The enterprise answers the rectification opinion (整改意见书). */
    RECTIFICATION_RESPONSE,
    /** The enterprise answers the handling proposal (处理建议书). */
    HANDLING_PROPOSAL_RESPONSE
}
