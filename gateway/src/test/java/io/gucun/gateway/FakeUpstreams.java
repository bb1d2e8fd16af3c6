package io.gucun.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain Vert.x servers standing in for the services, on free loopback ports. Each echoes what it received (method,
 * uri, headers, body size) as JSON and answers {@code /q/health/ready} and {@code /q/openapi}.
 * <ul>
 * <li>membership → {@code m1}</li>
 * <li>dues → {@code d1}, {@code d2} ({@code d2} can be stopped through the control server)</li>
 * <li>rights → two ports nobody listens on</li>
 * <li>outreach → {@code o1}, which takes 10 s to answer paths containing {@code /slow}</li>
 * <li>burst → {@code b1}, with an in-flight bound of 4; paths containing {@code /trickle} are answered a byte every
 * 200 ms for 6 s (busy, but never silent long enough for a 504)</li>
 * </ul>
 * The control server ({@code fake.control-url}) takes {@code POST /stop/<name>} and {@code GET /count/<name>} (requests
 * that reached that upstream, health checks and documents aside); it exists because a test resource and
 * a test may live in different class loaders, so static handles are not reliable.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        config.put("gucun.gateway.routes.membership.upstreams", url(serve("m1")));
        config.put("gucun.gateway.routes.dues.upstreams", url(serve("d1")) + "," + url(serve("d2")));
        config.put("gucun.gateway.routes.rights.upstreams", url(freePort()) + "," + url(freePort()));
        config.put("gucun.gateway.routes.outreach.upstreams", url(serve("o1")));
        config.put("gucun.gateway.routes.burst.upstreams", url(serve("b1")));
        config.put("gucun.gateway.routes.burst.max-in-flight", "4");
        HttpServer control = listen(vertx.createHttpServer().requestHandler(this::control));
        config.put("fake.control-url", url(control.actualPort()));
        return config;
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private int serve(String name) {
        HttpServer server = listen(vertx.createHttpServer().requestHandler(request -> echo(name, request)));
        servers.put(name, server);
        return server.actualPort();
    }

    private static HttpServer listen(HttpServer server) {
        try {
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream did not start", e);
        }
    }

    private void echo(String name, HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            request.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\",\"checks\":[]}");
            return;
        }
        if (path.equals("/q/openapi")) {
            JsonObject doc = new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", name + " API").put("version", "1"))
                    .put("x-query", request.query());
            request.response().putHeader("content-type", "application/json").end(doc.encode());
            return;
        }
        received.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (path.contains("/trickle")) {
            HttpServerResponse response = request.response().setChunked(true).putHeader("content-type", "text/plain");
            response.write("busy");
            AtomicInteger ticks = new AtomicInteger();
            vertx.setPeriodic(200, id -> {
                if (ticks.incrementAndGet() < 30) {
                    response.write(".");
                } else {
                    vertx.cancelTimer(id);
                    response.end("done");
                }
            });
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject echo = new JsonObject()
                    .put("server", name)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyLength", body.length());
            long delay = path.contains("/slow") ? 10_000 : 0;
            Runnable answer = () -> request.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("X-Request-Id", "upstream-must-not-win")
                    .end(echo.encode());
            if (delay > 0) {
                vertx.setTimer(delay, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void control(HttpServerRequest request) {
        if (request.path().startsWith("/count/")) {
            AtomicInteger n = received.get(request.path().substring("/count/".length()));
            request.response().end(String.valueOf(n == null ? 0 : n.get()));
            return;
        }
        String name = request.path().startsWith("/stop/") ? request.path().substring("/stop/".length()) : "";
        HttpServer server = servers.remove(name);
        if (server == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        server.close().onComplete(done -> request.response().end("stopped " + name));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

}
