package io.gucun.common.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A received CloudEvent: what consumers need to dedupe (id), dispatch (type) and read (data). */
public record EventEnvelope(String id, String type, String subject, JsonNode data) {

    /** The event name without its prefix: {@code io.gucun.membership.OrgCreated} → {@code OrgCreated}. */
    public String name() {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }

    @SuppressWarnings("unchecked")
    public static EventEnvelope from(Message<?> message, ObjectMapper mapper) {
        String id = null;
        String type = null;
        String subject = null;
        var ce = message.getMetadata(IncomingCloudEventMetadata.class);
        if (ce.isPresent()) {
            IncomingCloudEventMetadata<?> meta = ce.get();
            id = meta.getId();
            type = meta.getType();
            subject = meta.getSubject().orElse(null);
        } else {
            var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
            if (kafka.isPresent()) {
                id = header(kafka.get(), "ce_id");
                type = header(kafka.get(), "ce_type");
                subject = header(kafka.get(), "ce_subject");
            }
        }
        if (id == null || type == null) {
            throw new IllegalArgumentException("message is not a CloudEvent (no id or type)");
        }
        try {
            Object payload = message.getPayload();
            JsonNode data = payload instanceof JsonNode node ? node : mapper.readTree(String.valueOf(payload));
            return new EventEnvelope(id, type, subject, data);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("event " + id + " has no JSON data", e);
        }
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> kafka, String name) {
        Header h = kafka.getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
