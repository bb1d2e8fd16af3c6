package io.gucun.rights.supervision;

import io.gucun.rights.deadline.DeadlineStep;

/** 两书: the two letters of legal supervision. */
public enum NoticeKind {
    /** 整改意见书: tells the enterprise what to put right. */
    RECTIFICATION(DeadlineStep.RECTIFICATION_RESPONSE),
    /** 处理建议书: proposes handling to the authorities when the enterprise does not put it right. */
    HANDLING_PROPOSAL(DeadlineStep.HANDLING_PROPOSAL_RESPONSE);

    private final DeadlineStep responseStep;

    NoticeKind(DeadlineStep responseStep) {
        this.responseStep = responseStep;
    }

    public DeadlineStep responseStep() {
        return responseStep;
    }
}
