package io.gucun.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Calls the real stack through the gateway as the realm's demo users and partner clients would. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Stack stack;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(Stack stack) {
        this.stack = stack;
    }

    public Stack stack() {
        return stack;
    }

    /** A demo user's access token (password = user name + "-dev"), fetched once per run. */
    public String user(String username) {
        return tokens.computeIfAbsent(username, u -> Tokens.password(stack.tokenUrl(), "union-app", u, u + "-dev"));
    }

    /** A partner client's access token (client credentials, secret = client id + "-dev-secret"). */
    public String partner(String clientId) {
        return tokens.computeIfAbsent("client:" + clientId,
                c -> Tokens.clientCredentials(stack.tokenUrl(), clientId, clientId + "-dev-secret"));
    }

    public Response get(String token, String path) {
        return send("GET", path, token, null, null);
    }

    public Response post(String token, String path, String json) {
        return send("POST", path, token, "application/json", json);
    }

    public Response put(String token, String path, String json) {
        return send("PUT", path, token, "application/json", json);
    }

    /** Any method, body and content type, through the gateway; {@code token} may be null. */
    public Response send(String method, String path, String token, String contentType, String body) {
        return sendTo(stack.gatewayUrl(), method, path, token, contentType, body, Map.of());
    }

    public Response sendTo(String base, String method, String path, String token, String contentType, String body,
                           Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return new Response(method + " " + path, HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code call} until its answer satisfies {@code done} (events travel through Kafka), or fails. */
    public Response await(java.util.function.Supplier<Response> call, Predicate<Response> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = call.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = call.get();
        }
        if (!done.test(last)) {
            throw new AssertionError("not reached within " + timeout + "; last answer to " + last);
        }
        return last;
    }

    /** How long {@link #job} waits for a job: a town's rebate run or a large import on a loaded machine. */
    public static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Posts work that dues does as a job (a collection import, a rebate run): the answer must be 202 with the job,
     * which is then polled until SUCCEEDED or FAILED; answers the finished job (its result under {@code result}).
     * A non-202 answer (a refusal) is returned as it is.
     */
    public Response job(String token, String path, String contentType, String body) {
        Response accepted = send("POST", path, token, contentType, body);
        if (accepted.status() != 202) {
            return accepted;
        }
        String href = accepted.json().get("href").asText();
        return await(() -> get(token, href), r -> r.status() != 200
                || java.util.Set.of("SUCCEEDED", "FAILED").contains(r.json().get("status").asText()), JOB_TIMEOUT);
    }

    /** Whether {@code r} is a job that finished successfully (see {@link #job}). */
    public static boolean succeeded(Response r) {
        return r.status() == 200 && "SUCCEEDED".equals(r.json().get("status").asText());
    }

    /** An answer with its body parsed on demand. */
    public record Response(String request, HttpResponse<String> http) {
        public int status() {
            return http.statusCode();
        }

        public String body() {
            return http.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(http.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        public String header(String name) {
            return http.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return request + " -> " + http.statusCode() + " " + http.body();
        }
    }
}
