package io.gucun.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender against a receiver on loopback, reached through names that only the test's resolver knows: it connects
 * to the address it checked, and what it reports is generic.
 */
class WebhookSenderTest {

    private static final byte[] BODY = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
    private static Vertx vertx;
    private static HttpServer receiver;
    private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    /** receiver.example.cn is the loopback receiver; intranet.example.cn a private host; nothing else resolves. */
    private static final WebhookEndpoint.Resolver DNS = host -> switch (host) {
        case "receiver.example.cn" -> List.of(InetAddress.getByName("127.0.0.1"));
        case "intranet.example.cn" -> List.of(InetAddress.getByName("10.1.2.3"));
        default -> throw new UnknownHostException(host);
    };

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = vertx.createHttpServer().requestHandler(request -> {
            hostHeaders.add(request.getHeader("Host"));
            switch (request.path()) {
                case "/fail" -> request.response().setStatusCode(500).end("java.net.ConnectException: db-internal:5432");
                case "/slow" -> {
                    // never answers
                }
                default -> request.response().setStatusCode(204).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static WebhookSender sender(boolean allowLoopback) {
        return sender(allowLoopback, Duration.ofSeconds(8));
    }

    private static WebhookSender sender(boolean allowLoopback, Duration requestTimeout) {
        return new WebhookSender(vertx, new WebhookEndpoint(DNS, allowLoopback), Duration.ofSeconds(2), requestTimeout);
    }

    private static String url(String path) {
        return "http://receiver.example.cn:" + receiver.actualPort() + path;
    }

    @Test
    void connectsToTheCheckedAddressWithTheNameAsHost() {
        WebhookSender.Outcome outcome = sender(true).post(url("/hook"), BODY, Map.of("Gucun-Event-Id", "e1"), "test");
        assertThat(outcome.status()).isEqualTo(204);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(hostHeaders).contains("receiver.example.cn:" + receiver.actualPort());
    }

    @Test
    void aDestinationThatNowResolvesToAPrivateAddressIsNotContacted() {
        WebhookSender.Outcome outcome = sender(true).post("https://intranet.example.cn/hook", BODY, Map.of(), "test");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.shown()).startsWith(WebhookSender.REFUSED).contains("private").doesNotContain("10.1.2.3");
        // and loopback itself is refused without the local switch
        assertThat(sender(false).post(url("/hook"), BODY, Map.of(), "test").shown()).startsWith(WebhookSender.REFUSED);
        assertThat(sender(false).post("https://gone.example.cn/hook", BODY, Map.of(), "test").shown())
                .isEqualTo(WebhookSender.UNRESOLVED);
    }

    @Test
    void failuresAreReportedGenerically() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        WebhookSender sender = sender(true);
        WebhookSender.Outcome refused = sender.post("http://receiver.example.cn:" + closed + "/hook", BODY, Map.of(), "test");
        assertThat(refused.shown()).isEqualTo(WebhookSender.CONNECTION_FAILED);

        WebhookSender.Outcome failed = sender.post(url("/fail"), BODY, Map.of(), "test");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.shown()).isEqualTo("HTTP 500 from the endpoint");

        assertThat(sender(true, Duration.ofMillis(500)).post(url("/slow"), BODY, Map.of(), "test").shown())
                .isEqualTo(WebhookSender.TIMED_OUT);

        // https to something that answers the TLS hello with plain text: the handshake fails
        NetServer plain = vertx.createNetServer().connectHandler(socket -> socket.handler(hello ->
                socket.end(Buffer.buffer("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"))))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        try {
            String https = "https://receiver.example.cn:" + plain.actualPort() + "/hook";
            assertThat(sender.post(https, BODY, Map.of(), "test").shown()).isEqualTo(WebhookSender.TLS_FAILED);
        } finally {
            plain.close();
        }
    }
}
