package io.gucun.rights.deadline;

import io.gucun.events.rights.CaseState;
import io.gucun.events.rights.NoticeKind;

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
    HANDLING_PROPOSAL_RESPONSE;

    /** The step whose deadline runs while a case is in {@code state}; null when none runs. */
    public static DeadlineStep runningIn(CaseState state) {
        return switch (state) {
            case REPORTED -> TAKEOVER;
            case ACCEPTED -> START;
            case IN_PROGRESS -> RESOLUTION;
            case RESOLVED, CLOSED, WITHDRAWN -> null;
        };
    }

    /** The step of the enterprise's answer to a supervision letter of that kind. */
    public static DeadlineStep responseTo(NoticeKind kind) {
        return switch (kind) {
            case RECTIFICATION -> RECTIFICATION_RESPONSE;
            case HANDLING_PROPOSAL -> HANDLING_PROPOSAL_RESPONSE;
        };
    }
}
