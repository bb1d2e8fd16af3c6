package io.gucun.bench.data;

import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.infra.PostgresServer;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/** What the data benchmarks (P5, P6, P8) share: database connections, tokens, the stack's keys, statistics, raw JSON. */
final class BenchSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchSupport() {
    }

    /** A plain JDBC connection to a service's own database, as the superuser of the stack's PostgreSQL. */
    static Connection connect(Stack stack, String service) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PostgresServer.USERNAME);
        p.setProperty("password", PostgresServer.PASSWORD);
        return DriverManager.getConnection(stack.jdbcUrl(service), p);
    }

    /**
     * The cipher the services use, built from the keys the stack generated for this installation (Stack hands them to
     * membership and outreach as gucun.pii.*), so rows written here decrypt there.
     */
    static PersonalDataCipher cipher(Stack stack) throws IOException {
        return new PersonalDataCipher(Map.of("k1", Base64.getDecoder().decode(secrets(stack).getProperty("pii-key-k1"))), "k1");
    }

    /** The services' keyed hashes at the stack's index version (1), so rows written here are found there. */
    static BlindIndexes indexes(Stack stack) throws IOException {
        return new BlindIndexes(Base64.getDecoder().decode(secrets(stack).getProperty("pii-hash-key")), Map.of(), 1, List.of());
    }

    private static Properties secrets(Stack stack) throws IOException {
        Properties secrets = new Properties();
        try (InputStream in = Files.newInputStream(stack.home().resolve("data").resolve("secrets.properties"))) {
            secrets.load(in);
        }
        return secrets;
    }

    /**
     * A bearer token that is fetched again after a minute, so long runs never send an expired one (Keycloak's
     * default access token lives five minutes).
     */
    static Supplier<String> token(Supplier<String> fetch) {
        return new Supplier<>() {
            private String token;
            private long fetchedAt;

            @Override
            public synchronized String get() {
                if (token == null || System.nanoTime() - fetchedAt > Duration.ofSeconds(60).toNanos()) {
                    token = fetch.get();
                    fetchedAt = System.nanoTime();
                }
                return token;
            }
        };
    }

    static Supplier<String> admin(Stack stack) {
        return token(() -> Tokens.password(stack.tokenUrl(), "union-app", "admin", "admin-dev"));
    }

    static Supplier<String> partner(Stack stack, String clientId) {
        return token(() -> Tokens.clientCredentials(stack.tokenUrl(), clientId, clientId + "-dev-secret"));
    }

    static HttpResponse<String> send(String method, String url, String token, String contentType,
                                      HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
                    + " (expected " + status + "): " + r.body());
        }
        return r;
    }

    /** The value of a top-level string or number field of a small JSON object, or null (enough for the few we read). */
    static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9.]+)|null)").matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** Nearest-rank percentile of latencies in nanoseconds, in milliseconds. */
    static double percentileMs(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Writes {@code <id>.json}: a flat object of numbers and strings, in the order given. */
    static void writeRaw(Path raw, String id, Map<String, Object> values) throws IOException {
        Files.createDirectories(raw);
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sb.append("  \"").append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                sb.append(v instanceof Double d ? f("%.6f", d) : v.toString());
            } else if (v == null) {
                sb.append("null");
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
            }
            sb.append(++i < values.size() ? ",\n" : "\n");
        }
        Files.writeString(raw.resolve(id + ".json"), sb.append("}\n").toString());
    }

    static Map<String, Object> values() {
        return new LinkedHashMap<>();
    }

    static String met(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
