package io.gucun.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.OpenApiDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
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
    void everyOperationHasIdSummaryTagAndAnErrorResponse() {
        var operations = OpenApiDocument.served().operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(25);
        assertThat(OpenApiDocument.undocumented(operations)).isEmpty();
    }

    @Test
    void aScheduledEventReachesKafkaAsACloudEventKeyedByTheEventId() throws Exception {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        List<KafkaEvents.Received> got = read("outreach.event.v1", String.valueOf(eventId), "OutreachEventScheduled");
        assertThat(got).isNotEmpty();
        KafkaEvents.Received r = got.getFirst();
        assertThat(r.type()).isEqualTo("io.gucun.outreach.OutreachEventScheduled");
        assertThat(r.source()).isEqualTo("/gucun/outreach");
        JsonNode data = new ObjectMapper().readTree(r.value());
        assertThat(data.path("eventId").asLong()).isEqualTo(eventId);
        assertThat(data.path("siteKind").asText()).isEqualTo("INDUSTRIAL_PARK");
        assertThat(data.path("orgId").asLong()).isEqualTo(tree.parkId());

        given().contentType(ContentType.JSON).post("/api/outreach/events/" + eventId + "/held").then().statusCode(200);
        assertThat(read("outreach.event.v1", String.valueOf(eventId), "OutreachEventHeld")).extracting(KafkaEvents.Received::type)
                .contains("io.gucun.outreach.OutreachEventHeld");
    }

    /** The topic's records with this key, read from the start until one of the wanted type arrived (or 20 s passed). */
    private static List<KafkaEvents.Received> read(String topic, String key, String wantedType) {
        return KafkaEvents.read(topic, Duration.ofSeconds(20), got -> got.stream()
                        .anyMatch(r -> key.equals(r.key()) && r.type() != null && r.type().endsWith("." + wantedType)))
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    @Test
    void partnerOperationsAdmitOnlyPartnerRolesAndAdmin() {
        OpenApiDocument document = OpenApiDocument.served();
        assertThat(document.partnerOperations()).isNotEmpty();
        assertThat(document.partnerOperationsAdmittingOthers()).isEmpty();
    }
}
