package io.gucun.common.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The rule for where deliveries may go: an absolute {@code https} URL without user info or fragment. Plain {@code http}
 * only when the service runs in a local profile (dev, test) and the host is loopback, for receivers on one machine.
 */
public final class WebhookEndpoint {

    private WebhookEndpoint() {
    }

    /** Why {@code url} is not acceptable, or empty when it is. */
    public static Optional<String> problemWith(String url, boolean localProfile) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must be an absolute URL with a host");
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            return Optional.of("must not carry user info or a fragment");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && localProfile && isLoopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of(localProfile ? "must use https (http only for a loopback host)" : "must use https");
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost is never resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
