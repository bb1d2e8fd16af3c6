package io.gucun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue is consistent, and docs/events/asyncapi.json is what the records say. */
class EventContractsTest {

    /** Where the generated document is committed; the test writes it when GUCUN_WRITE_EVENT_DOCS=1. */
    static final Path DOCUMENT = Path.of("..", "docs", "events", "asyncapi.json");

    @Test
    void everyTopicIsNamedForItsProducerAndAggregateAndEveryEventNameIsUnique() throws Exception {
        Set<String> names = new HashSet<>();
        for (EventCatalog.Topic topic : EventCatalog.TOPICS) {
            String aggregate = (String) topic.events().getField("AGGREGATE").get(null);
            assertThat(topic.name()).isEqualTo(topic.producer().replace("-service", "") + "." + aggregate + ".v1");
            assertThat(topic.payloads()).as(topic.name()).isNotEmpty();
            for (Class<?> payload : topic.payloads()) {
                assertThat(names.add(EventCatalog.typeName(payload))).as("event name %s used twice", payload).isTrue();
                assertThat(EventCatalog.topicOf(payload)).isEqualTo(topic);
            }
        }
    }

    @Test
    void theCommittedAsyncApiDocumentMatchesTheRecords() throws Exception {
        String generated = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(AsyncApiDocument.build()) + "\n";
        if ("1".equals(System.getenv("GUCUN_WRITE_EVENT_DOCS"))) {
            Files.createDirectories(DOCUMENT.getParent());
            Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "";
        JsonNode expected = new ObjectMapper().readTree(generated);
        if (committed.isEmpty() || !expected.equals(new ObjectMapper().readTree(committed))) {
            fail("docs/events/asyncapi.json is stale: the event records in event-contracts changed. If the change keeps "
                    + "every field a consumer reads (a field added), regenerate it: GUCUN_WRITE_EVENT_DOCS=1 ./gucun mvn -B -ntp -q "
                    + "-pl event-contracts test, and commit it. If a field was renamed, removed or retyped, consumers still "
                    + "running read the old shape: publish a new record version (@EventVersion) beside the old one instead.");
        }
    }
}
