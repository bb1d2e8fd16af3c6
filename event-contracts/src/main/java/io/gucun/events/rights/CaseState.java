package io.gucun.events.rights;

/** States of a rights case; rights-service's CaseStateMachine holds the transitions. */
public enum CaseState {
    REPORTED,
    ACCEPTED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    WITHDRAWN;

    /** Still being worked on: responsibility may change and deadlines run. */
    public boolean isOpen() {
        return this == REPORTED || this == ACCEPTED || this == IN_PROGRESS;
    }

    public boolean isFinal() {
        return this == CLOSED || this == WITHDRAWN;
    }
}
