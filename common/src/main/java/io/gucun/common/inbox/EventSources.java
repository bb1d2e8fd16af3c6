package io.gucun.common.inbox;

import io.gucun.common.outbox.UnreadableEvent;
import io.gucun.events.EventCatalog;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Only a topic's owner speaks on it: a received event's CloudEvents {@code source} must be {@code /gucun/<service>} of
 * the service that publishes the topic in event-contracts' {@link EventCatalog}. Kafka's ACLs already keep other
 * services from writing there; this check also refuses what a principal allowed to write (an operator's tool, a
 * misconfigured producer) sends in another service's name. A record read from the consumer's own replay topic
 * ({@code <service>.<channel>.replay}) is judged by the topic it was first read from ({@value DeadLetterReplay#REPLAYED_FROM}).
 */
final class EventSources {

    private static final String REPLAY_SUFFIX = ".replay";
    private static final String SOURCE_PREFIX = "/gucun/";

    private EventSources() {
    }

    /** Why {@code message} may not be applied, or null when its source owns its topic or it did not come from Kafka. */
    static ForeignEvent refusal(Message<?> message, String eventId) {
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (kafka.isEmpty()) {
            return null; // an in-memory channel in a test: no topic, no owner to check
        }
        Headers headers = kafka.get().getHeaders();
        String source = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(ce -> ce.getSource() == null ? null : ce.getSource().toString())
                .orElseGet(() -> header(headers, "ce_source"));
        return refusal(kafka.get().getTopic(), header(headers, DeadLetterReplay.REPLAYED_FROM), source, eventId);
    }

    static ForeignEvent refusal(String topic, String replayedFrom, String source, String eventId) {
        String origin = topic;
        if (topic.endsWith(REPLAY_SUFFIX)) {
            if (replayedFrom == null || replayedFrom.endsWith(REPLAY_SUFFIX)) {
                return new ForeignEvent("event " + eventId + " on replay topic " + topic
                        + " does not name the topic it was first read from (" + DeadLetterReplay.REPLAYED_FROM + ")");
            }
            origin = replayedFrom;
        }
        String expected = owner(origin);
        if (expected == null) {
            return new ForeignEvent("event " + eventId + " came from topic " + origin
                    + ", which event-contracts' EventCatalog does not list");
        }
        if (!expected.equals(source)) {
            return new ForeignEvent("event " + eventId + " on " + origin + " has source " + source
                    + "; only " + expected + " publishes " + origin);
        }
        return null;
    }

    /** {@code /gucun/membership} for {@code membership.org.v1}: the source its publisher (membership-service) sets. */
    static String owner(String topic) {
        return EventCatalog.TOPICS.stream().filter(t -> t.name().equals(topic)).findFirst()
                .map(t -> SOURCE_PREFIX + t.producer().replaceFirst("-service$", "")).orElse(null);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** An event from a source that does not own its topic: never applied, dead-lettered with this reason. */
    static final class ForeignEvent extends UnreadableEvent {
        ForeignEvent(String reason) {
            super(reason, null);
        }
    }
}
