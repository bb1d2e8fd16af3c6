package io.gucun.common.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.outbox.UnreadableEvent;
import io.gucun.events.EventCatalog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * What one consumer reads from a topic: for each event it handles, the contract record (event-contracts) the
 * CloudEvents data is read into, the fields of it the consumer relies on, and what it does with it.
 * <p>
 * Tolerant reader: an event type it does not handle is skipped, fields it does not know are ignored. An event whose
 * name it handles but in a version it does not know is skipped too, and said so in the log. An enum value it does not
 * know reads as null; data that does not fit the record (a number that is text, ...) is refused with an exception.
 */
public final class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // enumerations may grow: a value this reader does not know reads as null, for the handler to judge
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    /** One handled event: its contract record, the record components the consumer reads, and the effect. */
    public record Handler<T>(Class<T> contract, Set<String> reads, Consumer<T> apply) {
        public int version() {
            return EventCatalog.versionOf(contract);
        }
    }

    private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();

    public static EventReader reading() {
        return new EventReader();
    }

    /** Handles {@code contract} (at its version) with {@code apply}; {@code reads} names the fields {@code apply} uses. */
    public <T extends Record> EventReader on(Class<T> contract, Consumer<T> apply, String... reads) {
        handlers.put(key(contract.getSimpleName(), EventCatalog.versionOf(contract)), new Handler<>(contract, Set.of(reads), apply));
        return this;
    }

    /** Every event this reader handles (for the contract tests). */
    public Collection<Handler<?>> handlers() {
        return List.copyOf(handlers.values());
    }

    /** Applies the event if it is one this reader handles. */
    public void apply(String consumer, EventEnvelope event) {
        Handler<?> handler = handlers.get(key(event.name(), event.version()));
        if (handler == null) {
            if (handlers.values().stream().anyMatch(h -> h.contract().getSimpleName().equals(event.name()))) {
                LOG.warnf("%s does not know version %d of %s (event %s, type %s); skipped", consumer, event.version(),
                        event.name(), event.id(), event.type());
            } else {
                LOG.debugf("%s does not read %s; event %s skipped", consumer, event.type(), event.id());
            }
            return;
        }
        applyTo(handler, event);
    }

    private static <T> void applyTo(Handler<T> handler, EventEnvelope event) {
        T payload;
        try {
            payload = MAPPER.treeToValue(event.data(), handler.contract());
        } catch (JsonProcessingException e) {
            // the path names fields only; Jackson's own message may quote the value, which can be personal data
            String at = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " at " + m.getPathReference() : "";
            throw new UnreadableEvent("event " + event.id() + " (" + event.type() + ") does not fit its contract "
                    + handler.contract().getName() + at, e);
        } catch (IllegalArgumentException e) {
            // treeToValue wraps some mapping failures this way
            throw new UnreadableEvent("event " + event.id() + " (" + event.type() + ") does not fit its contract "
                    + handler.contract().getName(), e);
        }
        handler.apply().accept(payload);
    }

    private static String key(String name, int version) {
        return name + "@" + version;
    }
}
