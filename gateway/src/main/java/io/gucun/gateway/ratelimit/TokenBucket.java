package io.gucun.gateway.ratelimit;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at {@code perSecond}; a request takes one token.
 * Thread-safe; time is passed in (nanoseconds) so the rule is testable without sleeping.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double perSecond, int capacity, long nowNanos) {
        if (perSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.updatedAt = nowNanos;
    }

    /** Takes a token if there is one. @return 0 when granted, else nanoseconds until a token will be available */
    public synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full again (an idle client's bucket can be dropped: a new one is identical). */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updatedAt = nowNanos;
        }
    }
}
