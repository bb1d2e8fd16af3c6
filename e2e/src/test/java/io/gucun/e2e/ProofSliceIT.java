package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The thin slice through the real stack (PostgreSQL, Kafka, Keycloak, every service, the gateway):
 * an admin with a Keycloak token creates an org through the gateway; OrgCreated goes through
 * membership's outbox to Kafka; dues-service consumes it once and opens the org's ledger accounts.
 */
@ExtendWith(RealStack.class)
class ProofSliceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void useStack(Stack shared) {
        stack = shared;
    }

    @Test
    void anOrgCreatedThroughTheGatewayOpensItsLedgerAccountsInDuesExactlyOnce() throws Exception {
        String token = Tokens.password(stack.tokenUrl(), "union-app", "admin", "admin-dev");
        String name = "顾村镇总工会 " + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> created = send("POST", "/api/membership/orgs", token,
                "{\"parentId\":1,\"name\":\"" + name + "\",\"kind\":\"TOWN\",\"regionCode\":\"310113\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Request-Id")).isPresent();
        // The service sits behind the gateway: the new resource is named by the gateway's address.
        assertThat(created.headers().firstValue("Location")).get().asString().startsWith(stack.gatewayUrl() + "/api/membership/orgs/");
        long orgId = JSON.readTree(created.body()).get("id").asLong();

        JsonNode accounts = awaitAccounts(token, orgId, Duration.ofSeconds(60));
        List<String> purposes = new ArrayList<>();
        accounts.forEach(a -> purposes.add(a.get("purpose").asText()));
        // One account per purpose, each once: a redelivered OrgCreated must not open a second set.
        assertThat(purposes).containsExactlyInAnyOrder("BUDGET", "CASH", "COLLECTED_FUNDS", "GRASSROOTS_SHARE", "SUSPENSE", "UPPER_SHARE",
                "PREPARATORY_FUND", "SUBSIDIES", "MEMBER_BENEFITS");

        List<ConsumerRecord<String, String>> events = orgEvents(String.valueOf(orgId));
        assertThat(events).hasSize(1);
        String eventId = new String(events.getFirst().headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        assertThat(processedCount(eventId)).isEqualTo(1);
    }

    @Test
    void theGatewayAndTheServicesRefuseRequestsWithoutAValidToken() throws Exception {
        assertThat(send("GET", "/api/membership/orgs/1", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/membership/orgs/1", "not-a-token", null).statusCode()).isEqualTo(401);
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(stack.serviceUrls("membership").getFirst()
                + "/api/membership/orgs/1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(401);
    }

    @Test
    void anOfficerOutsideTheOrgsSubtreeIsRefused() throws Exception {
        String officer = Tokens.password(stack.tokenUrl(), "union-app", "officer.beijing", "officer.beijing-dev");
        HttpResponse<String> r = send("POST", "/api/membership/orgs", officer,
                "{\"parentId\":1,\"name\":\"越权\",\"kind\":\"PROVINCE\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitAccounts(String token, long orgId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = send("GET", "/api/dues/orgs/" + orgId + "/accounts", token, null);
            if (last.statusCode() == 200) {
                JsonNode list = JSON.readTree(last.body());
                if (!list.isEmpty()) {
                    return list;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("dues-service did not open accounts for org " + orgId + "; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static List<ConsumerRecord<String, String>> orgEvents(String key) {
        Properties p = new Properties();
        p.putAll(stack.kafkaClientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())));
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("membership.org.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                });
                if (!out.isEmpty() && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return out;
    }

    private static int processedCount(String eventId) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("dues"), "postgres", "postgres");
             var st = c.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            st.setString(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
