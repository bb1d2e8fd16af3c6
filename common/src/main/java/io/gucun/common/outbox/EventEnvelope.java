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

    /**
     * The event name without its prefix and version: {@code io.gucun.membership.OrgCreated} → {@code OrgCreated},
     * {@code io.gucun.membership.OrgCreated.v2} → {@code OrgCreated}.
     */
    public String name() {
        String[] parts = typeParts();
        return parts.length > 1 && isVersion(parts[parts.length - 1]) ? parts[parts.length - 2] : parts[parts.length - 1];
    }

    /** The payload's contract version: the type's {@code .v<n>} suffix, 1 without one (see EventCatalog.typeName). */
    public int version() {
        String[] parts = typeParts();
        String last = parts[parts.length - 1];
        return parts.length > 1 && isVersion(last) ? Integer.parseInt(last.substring(1)) : 1;
    }

    private String[] typeParts() {
        return (type == null ? "" : type).split("\\.");
    }

    private static boolean isVersion(String part) {
        return part.length() > 1 && part.length() < 6 && part.charAt(0) == 'v' && part.substring(1).chars().allMatch(Character::isDigit);
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
            throw new UnreadableEvent("record is not a CloudEvent (no id or type)", null);
        }
        try {
            Object payload = message.getPayload();
            JsonNode data = payload instanceof JsonNode node ? node : mapper.readTree(String.valueOf(payload));
            return new EventEnvelope(id, type, subject, data);
        } catch (java.io.IOException e) {
            throw new UnreadableEvent("event " + id + " (" + type + ") has no JSON data", e);
        }
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> kafka, String name) {
        Header h = kafka.getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
