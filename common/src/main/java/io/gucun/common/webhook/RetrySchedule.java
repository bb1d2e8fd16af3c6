package io.gucun.common.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with a budget: attempt n (1-based) that failed is retried after {@code first * 2^(n-1)}, capped
 * at {@code max}, with up to {@code jitter} of that added at random so many failing deliveries do not retry in
 * lock-step; after {@code attempts} failed attempts there is no next one (the delivery is dead-lettered).
 */
public record RetrySchedule(Duration first, Duration max, int attempts, double jitter) {

    /** 30 s, 1 min, 2 min, ... capped at 6 h, 12 attempts in all: about a day and a half of retrying. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(6), 12, 0.1);

    public RetrySchedule {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || attempts < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("a retry schedule needs 0 < first <= max, attempts >= 1, 0 <= jitter <= 1");
        }
    }

    /** The delay after failed attempt {@code attempt} (1-based), without jitter. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        int doublings = Math.min(attempt - 1, 30);
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** When to try again after failed attempt {@code attempt} at {@code failedAt}; empty once the budget is spent. */
    public Optional<Instant> nextAttempt(int attempt, Instant failedAt) {
        if (attempt >= attempts) {
            return Optional.empty();
        }
        Duration base = delayAfter(attempt);
        long extra = jitter == 0 ? 0 : (long) (base.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return Optional.of(failedAt.plus(base).plusMillis(extra));
    }
}
