package io.gucun.common.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts one signed delivery with bounded time: {@code connectTimeout} to connect, {@code requestTimeout} for the
 * whole answer. A slow or dead receiver costs at most that, on the sender's own thread; the answer body is discarded.
 */
public final class WebhookSender {

    private final HttpClient client;
    private final Duration requestTimeout;

    public WebhookSender(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    /** The outcome of one attempt: the HTTP status, or 0 with the reason when no answer came. */
    public record Outcome(int status, String error) {
        public boolean succeeded() {
            return DeliveryState.isSuccess(status);
        }
    }

    public Outcome post(URI url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null);
        } catch (IOException e) {
            return new Outcome(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
    }
}
