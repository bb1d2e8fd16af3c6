package io.gucun.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class OpenApiAndEventsTest {

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    @Test
    void everyOperationHasIdSummaryTagAndAnErrorResponse() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int operations = 0;
        var paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            var methods = path.getValue().fields();
            while (methods.hasNext()) {
                var m = methods.next();
                if (!List.of("get", "post", "put", "delete", "patch").contains(m.getKey())) {
                    continue;
                }
                operations++;
                JsonNode op = m.getValue();
                String where = m.getKey().toUpperCase() + " " + path.getKey();
                if (!op.hasNonNull("operationId") || !ids.add(op.get("operationId").asText())) {
                    problems.add(where + ": missing or repeated operationId");
                }
                if (!op.hasNonNull("summary")) {
                    problems.add(where + ": no summary");
                }
                if (!op.has("tags") || op.get("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                List<String> codes = new ArrayList<>();
                op.get("responses").fieldNames().forEachRemaining(codes::add);
                if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
                    problems.add(where + ": no 4xx response documented");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(25);
        assertThat(problems).isEmpty();
    }

    @Test
    void aScheduledEventReachesKafkaAsACloudEventKeyedByTheEventId() throws Exception {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        List<ConsumerRecord<String, String>> got = read("outreach.event.v1", String.valueOf(eventId), "OutreachEventScheduled");
        assertThat(got).isNotEmpty();
        ConsumerRecord<String, String> r = got.getFirst();
        assertThat(header(r, "ce_type")).isEqualTo("io.gucun.outreach.OutreachEventScheduled");
        assertThat(header(r, "ce_source")).isEqualTo("/gucun/outreach");
        JsonNode data = new ObjectMapper().readTree(r.value());
        assertThat(data.path("eventId").asLong()).isEqualTo(eventId);
        assertThat(data.path("siteKind").asText()).isEqualTo("INDUSTRIAL_PARK");
        assertThat(data.path("orgId").asLong()).isEqualTo(tree.parkId());

        given().contentType(ContentType.JSON).post("/api/outreach/events/" + eventId + "/held").then().statusCode(200);
        assertThat(read("outreach.event.v1", String.valueOf(eventId), "OutreachEventHeld")).extracting(x -> header(x, "ce_type"))
                .contains("io.gucun.outreach.OutreachEventHeld");
    }

    /** The topic's records with this key, read from the start until one of the wanted type arrived (or 20 s passed). */
    private static List<ConsumerRecord<String, String>> read(String topic, String key, String wantedType) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ServiceInfraTestResource.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                }
                if (out.stream().anyMatch(r -> header(r, "ce_type").endsWith("." + wantedType))) {
                    break;
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
