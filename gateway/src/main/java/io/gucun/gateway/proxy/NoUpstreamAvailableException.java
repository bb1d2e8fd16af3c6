package io.gucun.gateway.proxy;

/** No instance of a service could be connected to. Carries no stack trace: it is an expected outcome. */
public final class NoUpstreamAvailableException extends RuntimeException {

    private final String route;

    public NoUpstreamAvailableException(String route, Throwable lastFailure) {
        super("no instance of service '" + route + "' could be reached", lastFailure, false, false);
        this.route = route;
    }

    public String route() {
        return route;
    }
}
