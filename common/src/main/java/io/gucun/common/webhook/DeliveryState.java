package io.gucun.common.webhook;

import java.util.Set;

/**
 * Where a webhook delivery stands. PENDING (waiting for its next attempt) → DELIVERED (the receiver answered 2xx) or,
 * after a failed attempt, PENDING again with a later attempt time, or DEAD once the retry budget is spent. A DEAD
 * delivery is replayed on request: PENDING again with a fresh budget. DELIVERED is final.
 */
public enum DeliveryState {
    PENDING, DELIVERED, DEAD;

    public Set<DeliveryState> next() {
        return switch (this) {
            case PENDING -> Set.of(PENDING, DELIVERED, DEAD);
            case DEAD -> Set.of(PENDING);
            case DELIVERED -> Set.of();
        };
    }

    public boolean canReplay() {
        return this == DEAD;
    }

    /**
     * The state after an attempt: DELIVERED on a 2xx; otherwise PENDING while {@code schedule} allows another attempt
     * after {@code attempt} (1-based), DEAD when it does not. Only a PENDING delivery is attempted.
     */
    public static DeliveryState afterAttempt(DeliveryState current, boolean succeeded, int attempt, RetrySchedule schedule) {
        if (current != PENDING) {
            throw new IllegalStateException("only a pending delivery is attempted, not a " + current + " one");
        }
        if (succeeded) {
            return DELIVERED;
        }
        return attempt >= schedule.attempts() ? DEAD : PENDING;
    }

    /** A receiver's answer counts as delivered only when it is 2xx. */
    public static boolean isSuccess(int httpStatus) {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
