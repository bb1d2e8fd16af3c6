package io.gucun.rights.rightscase;

import io.gucun.rights.deadline.DeadlineStep;

/** States of a rights case; see {@link CaseStateMachine} for the transitions. */
public enum CaseState {
    REPORTED(DeadlineStep.TAKEOVER),
    ACCEPTED(DeadlineStep.START),
    IN_PROGRESS(DeadlineStep.RESOLUTION),
    RESOLVED(null),
    CLOSED(null),
    WITHDRAWN(null);

    private final DeadlineStep step;

    CaseState(DeadlineStep step) {
        this.step = step;
    }

    /** The step whose deadline runs while the case is in this state; null when none runs. */
    public DeadlineStep runningStep() {
        return step;
    }

    /** Still being worked on: responsibility may change and deadlines run. */
    public boolean isOpen() {
        return this == REPORTED || this == ACCEPTED || this == IN_PROGRESS;
    }

    public boolean isFinal() {
        return this == CLOSED || this == WITHDRAWN;
    }
}
