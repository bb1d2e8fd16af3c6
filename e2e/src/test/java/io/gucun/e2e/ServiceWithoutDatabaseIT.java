package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.GucunPaths;
import io.gucun.infra.LoopbackPorts;
import io.gucun.infra.PostgresServer;
import io.gucun.launcher.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service whose database is unreachable does not crash in a loop: it runs, reports not-ready, and
 * becomes ready by itself once the database appears — no restart of the service.
 */
class ServiceWithoutDatabaseIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void reportsNotReadyThenRecoversWhenTheDatabaseComesUp() throws Exception {
        Path home = Files.createTempDirectory("gucun-nodb");
        int dbPort = LoopbackPorts.free();
        Map<String, String> props = Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + dbPort + "/rights",
                "quarkus.datasource.username", PostgresServer.USERNAME,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", "127.0.0.1:" + LoopbackPorts.free(),
                // no broker listens there either; SASL without TLS, as locally, so the clients can be built
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"rights\" password=\"" + randomKey() + "\";",
                "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + LoopbackPorts.free() + "/realms/union",
                "gucun.schema.retry-interval", "1s",
                "quarkus.log.console.json.enabled", "false",
                // rights encrypts partners' webhook secrets: it needs its keys to start at all
                "gucun.pii.keys.k1", randomKey());
        Path jar = GucunPaths.root().resolve("rights-service/target/quarkus-app/quarkus-run.jar");
        try (AppProcess app = AppProcess.start("rights-nodb", jar, LoopbackPorts.free(), props, home.resolve("logs"), "192m")) {
            HttpResponse<String> health = awaitAnswer(app, Duration.ofSeconds(60));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("database-schema").contains("DOWN");
            Thread.sleep(3000);
            assertThat(app.isAlive()).as("the service keeps running without its database").isTrue();

            try (PostgresServer db = PostgresServer.builder().port(dbPort).dataDirectory(home.resolve("pg")).clean(true)
                    .databases("rights").start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String body = "";
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> r = get(app, "/q/health/ready");
                    body = r.body();
                    if (body.contains("\"database-schema\"") && body.matches("(?s).*\"name\"\\s*:\\s*\"database-schema\",\\s*\"status\"\\s*:\\s*\"UP\".*")) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(body).as("database-schema check after the database came up")
                        .containsPattern("\"name\"\\s*:\\s*\"database-schema\",\\s*\"status\"\\s*:\\s*\"UP\"");
                assertThat(app.isAlive()).isTrue();
            }
        }
    }

    private static HttpResponse<String> awaitAnswer(AppProcess app, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return get(app, "/q/health/ready");
            } catch (java.io.IOException e) {
                assertThat(app.isAlive()).as("the service must not exit without its database").isTrue();
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the service never answered on its health endpoint");
    }

    private static HttpResponse<String> get(AppProcess app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }
}
