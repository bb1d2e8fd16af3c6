package io.gucun.common.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Posts one signed delivery with bounded time: {@code connectTimeout} to connect, {@code requestTimeout} for the
 * whole answer; the answer body is discarded. Before each attempt the destination is checked again
 * ({@link WebhookEndpoint}) and the connection goes to the address checked, while TLS (SNI, certificate check) and
 * the Host header still use the URL's host name: a DNS answer that changes after the check cannot redirect it.
 *
 * <p>What the partner reads back ({@link Outcome#error()}) is one of a few generic phrases; the exception itself,
 * which may name hosts and ports inside the network, goes to the service log only.
 */
public final class WebhookSender {

    static final String REFUSED = "destination not allowed: ";
    static final String UNRESOLVED = "host did not resolve";
    static final String CONNECTION_FAILED = "connection failed";
    static final String TIMED_OUT = "timed out";
    static final String TLS_FAILED = "TLS handshake failed";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final HttpClient client;
    private final WebhookEndpoint endpoints;
    private final Duration requestTimeout;

    public WebhookSender(Vertx vertx, WebhookEndpoint endpoints, Duration connectTimeout, Duration requestTimeout) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true)
                .setKeepAlive(false));
        this.endpoints = endpoints;
        this.requestTimeout = requestTimeout;
    }

    /** The outcome of one attempt: the HTTP status, or 0 with a generic reason when no answer came. */
    public record Outcome(int status, String error) {
        public boolean succeeded() {
            return DeliveryState.isSuccess(status);
        }

        /** What the delivery log shows for a failed attempt. */
        public String shown() {
            return error != null ? error : "HTTP " + status + " from the endpoint";
        }
    }

    /** Posts {@code body} to {@code url}; {@code what} names the attempt in the service log (ids only). */
    public Outcome post(String url, byte[] body, Map<String, String> headers, String what) {
        WebhookEndpoint.Destination d;
        try {
            d = endpoints.destination(url);
        } catch (WebhookEndpoint.Refused r) {
            LOG.infof("webhook %s not attempted: %s", what, r.getMessage());
            return new Outcome(0, r.unresolved ? UNRESOLVED : REFUSED + r.getMessage());
        }
        String path = d.uri().getRawPath() == null || d.uri().getRawPath().isEmpty() ? "/" : d.uri().getRawPath();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(d.port(), d.address().getHostAddress()))
                .setHost(d.host())
                .setPort(d.port())
                .setSsl(d.tls())
                .setURI(d.uri().getRawQuery() == null ? path : path + "?" + d.uri().getRawQuery())
                .setFollowRedirects(false)
                .setIdleTimeout(requestTimeout.toMillis())
                .putHeader("Content-Type", "application/json");
        headers.forEach(options::putHeader);
        try {
            int status = client.request(options)
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .map(HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture()
                    .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(status, null);
        } catch (TimeoutException e) {
            LOG.infof("webhook %s timed out after %s", what, requestTimeout);
            return new Outcome(0, TIMED_OUT);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String shown = classify(cause);
            LOG.infof("webhook %s failed (%s): %s", what, shown, cause);
            return new Outcome(0, shown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
    }

    /** The generic phrase for a failure to get an answer. */
    static String classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Netty's NotSslRecordException (a plain-text answer to a TLS hello) is not an SSLException.
            if (t instanceof SSLException || t.getClass().getSimpleName().startsWith("NotSsl")) {
                return TLS_FAILED;
            }
            // Netty's ConnectTimeoutException is a ConnectException: look at timeouts first.
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return TIMED_OUT;
            }
        }
        return CONNECTION_FAILED;
    }

    public void close() {
        client.close();
    }
}
