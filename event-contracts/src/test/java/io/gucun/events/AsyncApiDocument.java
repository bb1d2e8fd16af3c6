package io.gucun.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The AsyncAPI 2.6 document of every topic in {@link EventCatalog}, built from the payload records' components (a
 * small generator: the records use only the types below). Each message is named by its CloudEvents type ending and
 * carries its contract version; its payload is a JSON Schema with one property per record component.
 */
final class AsyncApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> schemas = new TreeMap<>();

    static ObjectNode build() {
        return new AsyncApiDocument().document();
    }

    private ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "2.6.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Gucun events");
        info.put("version", "1");
        info.put("description", "Every event the Gucun services publish through their outboxes, generated from the records "
                + "of module event-contracts (see docs/events/README.md). Envelope: CloudEvents 1.0 in Kafka binary mode "
                + "(ce_id, ce_type = io.gucun.<service>.<message name>, ce_source, ce_subject = the record key, ce_time); "
                + "the record value is the JSON payload below. Readers ignore fields they do not know.");
        info.put("x-generated-by", "event-contracts EventContractsTest; do not edit by hand");
        doc.put("defaultContentType", "application/json");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode messages = JSON.createObjectNode();
        for (EventCatalog.Topic topic : EventCatalog.TOPICS) {
            ObjectNode channel = channels.putObject(topic.name());
            channel.put("description", "Published by " + topic.producer() + "; key = the " + aggregateOf(topic) + " id.");
            ObjectNode publish = channel.putObject("subscribe");
            publish.put("operationId", "on" + capitalized(topic.name()));
            ArrayNode oneOf = publish.putObject("message").putArray("oneOf");
            for (Class<?> payload : topic.payloads()) {
                String name = EventCatalog.typeName(payload);
                oneOf.addObject().put("$ref", "#/components/messages/" + name);
                ObjectNode message = messages.putObject(name);
                message.put("name", name);
                message.put("title", payload.getSimpleName() + " v" + EventCatalog.versionOf(payload));
                message.put("x-cloudevents-type", "io.gucun." + topic.producer().replace("-service", "") + "." + name);
                message.put("x-version", EventCatalog.versionOf(payload));
                message.put("x-java-record", payload.getName().replace('$', '.'));
                message.set("payload", objectSchema(payload));
            }
        }
        ObjectNode components = doc.putObject("components");
        components.set("messages", messages);
        ObjectNode schemaNode = components.putObject("schemas");
        schemas.forEach(schemaNode::set);
        return doc;
    }

    private static String aggregateOf(EventCatalog.Topic topic) {
        try {
            return (String) topic.events().getField("AGGREGATE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(topic.events() + " has no AGGREGATE constant", e);
        }
    }

    private static String capitalized(String topic) {
        StringBuilder b = new StringBuilder();
        for (String part : topic.split("\\.")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    private ObjectNode objectSchema(Class<?> record) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (RecordComponent c : record.getRecordComponents()) {
            properties.set(c.getName(), schemaOf(c.getGenericType()));
            if (c.getType().isPrimitive()) {
                required.add(c.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private JsonNode schemaOf(Type type) {
        ObjectNode s = JSON.createObjectNode();
        if (type instanceof ParameterizedType p && p.getRawType() == java.util.List.class) {
            s.put("type", "array");
            s.set("items", schemaOf(p.getActualTypeArguments()[0]));
            return s;
        }
        Class<?> c = (Class<?>) type;
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
            s.put("type", "integer");
            s.put("format", c == long.class || c == Long.class ? "int64" : "int32");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c == String.class) {
            s.put("type", "string");
        } else if (c == BigDecimal.class) {
            s.put("type", "number");
        } else if (c == OffsetDateTime.class) {
            s.put("type", "string").put("format", "date-time");
        } else if (c == LocalDate.class) {
            s.put("type", "string").put("format", "date");
        } else if (c == YearMonth.class) {
            s.put("type", "string").put("pattern", "^[0-9]{4}-[0-9]{2}$");
        } else if (c == UUID.class) {
            s.put("type", "string").put("format", "uuid");
        } else if (c.isEnum()) {
            ObjectNode e = JSON.createObjectNode();
            e.put("type", "string");
            ArrayNode values = e.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            schemas.put(c.getSimpleName(), e);
            s.put("$ref", "#/components/schemas/" + c.getSimpleName());
        } else if (c.isRecord()) {
            schemas.put(c.getSimpleName(), objectSchema(c));
            s.put("$ref", "#/components/schemas/" + c.getSimpleName());
        } else {
            throw new IllegalArgumentException("event payloads use plain JSON types; " + c.getName()
                    + " is not one (add it to AsyncApiDocument if it must be)");
        }
        return s;
    }
}
