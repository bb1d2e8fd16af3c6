package io.gucun.gateway.proxy;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Whose fault it is that no connection to an upstream instance was obtained, from the Vert.x HTTP client's failure.
 * Only the instance's own failures may mark it down; the gateway's congestion must not take a healthy service out.
 */
enum UpstreamFailure {
    /**
     * The instance failed: connection refused or reset, TCP connect timed out (Netty's {@code ConnectTimeoutException}
     * is a {@link java.net.ConnectException}), no route, unknown host, TLS handshake refused.
     */
    UNREACHABLE,
    /**
     * The gateway's own pool: every connection to the instance busy and the wait for one timed out (Vert.x fails the
     * request with a {@link TimeoutException} "exceeded when getting a connection") or its wait queue full
     * ({@link ConnectionPoolTooBusyException}). Says nothing about the instance.
     */
    GATEWAY_BUSY,
    /** Anything else: not held against the instance either. */
    OTHER;

    static UpstreamFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionPoolTooBusyException || t instanceof TimeoutException) {
                return GATEWAY_BUSY;
            }
            if (t instanceof SocketException || t instanceof UnknownHostException || t instanceof SSLException) {
                return UNREACHABLE;
            }
        }
        return OTHER;
    }
}
