package io.gucun.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service, handed out round-robin. Healthy instances come first; instances believed down come
 * last, so that when every instance is marked down the gateway still tries them (a wrong health verdict must not turn
 * into an outage) and answers 503 only when none can be reached.
 */
public final class UpstreamPool {

    private final String route;
    private final List<Upstream> upstreams;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamPool(String route, List<Upstream> upstreams) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("gucun.gateway.routes." + route + ".upstreams: at least one upstream is required");
        }
        this.route = route;
        this.upstreams = List.copyOf(upstreams);
    }

    public static UpstreamPool of(String route, List<String> baseUrls) {
        return new UpstreamPool(route, baseUrls.stream().map(url -> Upstream.parse(route, url)).toList());
    }

    public String route() {
        return route;
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    public long healthyCount() {
        return upstreams.stream().filter(Upstream::isHealthy).count();
    }

    /** Every instance in the order to try them for one request: the next healthy one in turn, then the others. */
    public List<Upstream> candidates() {
        int n = upstreams.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        List<Upstream> ordered = new ArrayList<>(n);
        List<Upstream> down = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Upstream u = upstreams.get((start + i) % n);
            (u.isHealthy() ? ordered : down).add(u);
        }
        ordered.addAll(down);
        return ordered;
    }
}
