package io.gucun.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gucun.common.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a partner runs, as the docs tell it to: an HTTP endpoint on 127.0.0.1 (random port) that checks the
 * {@code Gucun-Signature} of each delivery against its secret (401 when it does not match), answers 2xx, and applies
 * each event once however often it arrives, deduping on {@code Gucun-Event-Id}. It can be told to fail the next N
 * deliveries (HTTP 503) or to be slow, to exercise retries, dead letters and replays.
 */
public final class ReferencePartner implements AutoCloseable {

    /** One delivery as it arrived. */
    public record Received(String eventId, String eventType, String signature, byte[] body, boolean verified) {
    }

    private final HttpServer server;
    private volatile String secret;
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile String failMarker;
    private volatile Duration delay = Duration.ZERO;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** The partner's own state: each event applied once, in arrival order (what dedupe buys). */
    private final Map<String, String> applied = Collections.synchronizedMap(new LinkedHashMap<>());

    public ReferencePartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hooks/gucun", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/gucun";
    }

    public void useSecret(String s) {
        secret = s;
    }

    /** Answer 503 to the next {@code n} deliveries whose body contains {@code marker} (e.g. a credit code). */
    public void failNext(String marker, int n) {
        failMarker = marker;
        failNext.set(n);
    }

    public void slow(Duration d) {
        delay = d;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public Map<String, String> applied() {
        synchronized (applied) {
            return Map.copyOf(applied);
        }
    }

    public long timesReceived(String eventId) {
        return received().stream().filter(r -> r.eventId().equals(eventId)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String signature = ex.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            String eventId = ex.getRequestHeaders().getFirst("Gucun-Event-Id");
            boolean verified = secret != null
                    && WebhookSignature.verify(signature, body, secret, Instant.now(), Duration.ofMinutes(5));
            received.add(new Received(eventId, ex.getRequestHeaders().getFirst("Gucun-Event-Type"), signature, body, verified));
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status;
            String marker = failMarker;
            boolean targeted = marker != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(marker);
            if (!verified) {
                status = 401;
            } else if (targeted && failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                status = 503;
            } else {
                applied.putIfAbsent(eventId, new String(body, java.nio.charset.StandardCharsets.UTF_8));
                status = 204;
            }
            ex.sendResponseHeaders(status, -1);
        }
    }

    /** Polls {@code condition} every 100 ms until it holds; fails after 45 s. Deliveries arrive asynchronously. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 45 s");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
