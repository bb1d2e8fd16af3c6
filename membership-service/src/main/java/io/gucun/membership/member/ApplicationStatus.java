package io.gucun.membership.member;

import io.gucun.common.problem.ApiException;
import java.util.Map;

/** An application to join: PENDING until an officer (or the join policy) approves or rejects it, or the worker withdraws it. */
public enum ApplicationStatus {
    PENDING, APPROVED, REJECTED, WITHDRAWN;

    /** The state after a decision; 409 when the application was already decided (approving twice, say). */
    public ApplicationStatus decide(ApplicationStatus outcome) {
        if (outcome == PENDING) {
            throw new IllegalArgumentException("PENDING is not a decision");
        }
        if (this != PENDING) {
            throw ApiException.conflict("application-decided",
                    "the application is already " + name() + " and cannot become " + outcome.name(),
                    Map.of("currentStatus", name()));
        }
        return outcome;
    }
}
