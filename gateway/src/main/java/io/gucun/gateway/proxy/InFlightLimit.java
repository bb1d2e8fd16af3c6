package io.gucun.gateway.proxy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on one route's requests in progress. A request over it is refused at once rather than queued: a queue in
 * the gateway only adds waiting that ends in timeouts, long after the client has given up.
 */
public final class InFlightLimit {

    private final String route;
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimit(String route, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("gucun.gateway.routes." + route + ".max-in-flight must be at least 1, got " + max);
        }
        this.route = route;
        this.max = max;
    }

    public String route() {
        return route;
    }

    public int max() {
        return max;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** @return whether the request may proceed; if so, {@link #release()} must follow exactly once */
    public boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n >= max) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }
}
