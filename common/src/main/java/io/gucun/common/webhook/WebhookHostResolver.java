package io.gucun.common.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The resolver webhook destinations are checked with: the system's. A bean so that a test can stub DNS. */
@ApplicationScoped
public class WebhookHostResolver implements WebhookEndpoint.Resolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return WebhookEndpoint.Resolver.SYSTEM.resolve(host);
    }
}
