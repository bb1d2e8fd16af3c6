package io.gucun.membership.member;

import io.gucun.common.problem.ApiException;
import java.util.Map;

/** A transfer: PENDING until the receiving org accepts or rejects it, or the requester (or a leave) cancels it. */
public enum TransferStatus {
    PENDING, ACCEPTED, REJECTED, CANCELLED;

    /** The state after a decision; 409 when the transfer was already decided. */
    public TransferStatus decide(TransferStatus outcome) {
        if (outcome == PENDING) {
            throw new IllegalArgumentException("PENDING is not a decision");
        }
        if (this != PENDING) {
            throw ApiException.conflict("transfer-decided",
                    "the transfer is already " + name() + " and cannot become " + outcome.name(),
                    Map.of("currentStatus", name()));
        }
        return outcome;
    }
}
