package io.gucun.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What marks an instance down when the gateway cannot get a connection to it: the instance refusing (yes), the
 * gateway's own pool being full (no). A real Vert.x client with one pooled connection against a real server.
 */
class UpstreamOriginTest {

    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        // answers nothing: the one pooled connection stays taken by the first request
        server = await(vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1"));
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(500), new PoolOptions().setHttp1MaxSize(1));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void aFullPoolIsTheGatewaysCongestionNotTheInstancesFailure() throws Exception {
        Upstream instance = Upstream.parse("membership", "http://127.0.0.1:" + server.actualPort());
        UpstreamOrigin origin = new UpstreamOrigin(new UpstreamPool("membership", List.of(instance)), 300, 10_000);

        HttpClientRequest first = await(origin.connect(client, List.of(instance), 0, 1));
        first.setMethod(HttpMethod.GET).setURI("/members").end(); // held by the server: the pool's only connection is busy

        long start = System.nanoTime();
        Throwable failure = failureOf(origin.connect(client, List.of(instance), 0, 1));
        assertThat(failure).isInstanceOf(RouteBusyException.class);
        assertThat(UpstreamFailure.of(failure.getCause())).isEqualTo(UpstreamFailure.GATEWAY_BUSY);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 5_000L);
        assertThat(instance.isHealthy()).as("still healthy after its pool wait timed out").isTrue();
    }

    @Test
    void aRefusedConnectionMarksTheInstanceDownAndTheNextOneIsTried() throws Exception {
        Upstream refusing = Upstream.parse("dues", "http://127.0.0.1:" + freePort());
        Upstream listening = Upstream.parse("dues", "http://127.0.0.1:" + server.actualPort());
        UpstreamOrigin origin = new UpstreamOrigin(new UpstreamPool("dues", List.of(refusing, listening)), 3_000, 10_000);

        HttpClientRequest request = await(origin.connect(client, List.of(refusing, listening), 0, 2));
        assertThat(request.getPort()).isEqualTo(server.actualPort());
        assertThat(refusing.isHealthy()).isFalse();
        assertThat(listening.isHealthy()).isTrue();

        Throwable alone = failureOf(origin.connect(client, List.of(refusing), 0, 1));
        assertThat(alone).isInstanceOf(NoUpstreamAvailableException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void failuresAreClassifiedByWhoseTheyAre() {
        assertThat(UpstreamFailure.of(new ConnectException("Connection refused"))).isEqualTo(UpstreamFailure.UNREACHABLE);
        // Netty's TCP connect timeout is a ConnectException: the instance did not accept the connection
        assertThat(UpstreamFailure.of(new io.netty.channel.ConnectTimeoutException("connection timed out")))
                .isEqualTo(UpstreamFailure.UNREACHABLE);
        assertThat(UpstreamFailure.of(new io.vertx.core.impl.NoStackTraceTimeoutException(
                "The timeout of 2000 ms has been exceeded when getting a connection to 127.0.0.1:8081")))
                .isEqualTo(UpstreamFailure.GATEWAY_BUSY);
        assertThat(UpstreamFailure.of(new io.vertx.core.http.ConnectionPoolTooBusyException("max wait queue size of 8")))
                .isEqualTo(UpstreamFailure.GATEWAY_BUSY);
        assertThat(UpstreamFailure.of(new IllegalStateException("other"))).isEqualTo(UpstreamFailure.OTHER);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
