package io.gucun.gateway.proxy;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/** One instance of a service: where it listens and whether the gateway currently believes it is healthy. */
public final class Upstream {

    private final String route;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    Upstream(String route, String host, int port, boolean ssl) {
        this.route = route;
        this.host = host;
        this.port = port;
        this.ssl = ssl;
    }

    /** Parses {@code http://host:port} or {@code https://host[:port]}; a path is refused because paths are forwarded unchanged. */
    public static Upstream parse(String route, String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gucun.gateway.routes." + route + ".upstreams: not a URL: " + baseUrl, e);
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "gucun.gateway.routes." + route + ".upstreams: expected http(s)://host:port, got " + baseUrl);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
            throw new IllegalArgumentException("gucun.gateway.routes." + route
                    + ".upstreams: no path allowed (paths are forwarded unchanged), got " + baseUrl);
        }
        boolean ssl = "https".equalsIgnoreCase(scheme);
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Upstream(route, uri.getHost(), port, ssl);
    }

    public String route() {
        return route;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean ssl() {
        return ssl;
    }

    public boolean isHealthy() {
        return healthy.get();
    }

    /** @return whether this changed the state */
    public boolean markHealthy() {
        return healthy.compareAndSet(false, true);
    }

    /** @return whether this changed the state */
    public boolean markDown() {
        return healthy.compareAndSet(true, false);
    }

    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }
}
