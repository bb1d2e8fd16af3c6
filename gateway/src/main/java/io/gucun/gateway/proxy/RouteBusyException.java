package io.gucun.gateway.proxy;

/**
 * The gateway has no capacity left for a route right now (its in-flight bound reached, or no pooled connection freed
 * in time). Answered 503 {@code gateway-busy} with {@code Retry-After}; the upstream is not marked down. No stack trace:
 * an expected outcome under load.
 */
public final class RouteBusyException extends RuntimeException {

    private final String route;

    public RouteBusyException(String route, Throwable cause) {
        super("the gateway is busy with requests for service '" + route + "'", cause, false, false);
        this.route = route;
    }

    public String route() {
        return route;
    }
}
