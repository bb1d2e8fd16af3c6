package io.gucun.common.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.outbox.DatabaseOutage;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.outbox.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The one idempotent-consumer inbox: applies a received event at most once per consumer. The effect and the
 * remembered event id ({@link ProcessedEvents}) commit in one transaction, so a redelivery takes no effect.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    ObjectMapper mapper;

    @Inject
    ProcessedEvents processed;

    public CompletionStage<Void> once(String consumer, Message<String> message, Consumer<EventEnvelope> apply) {
        EventEnvelope event = EventEnvelope.from(message, mapper);
        // a database that is restarting must not fail the channel for good (fault suite, R3): wait for it, then apply
        DatabaseOutage.retry(consumer + " event " + event.id(), () -> QuarkusTransaction.requiringNew().run(() -> {
            if (processed.firstTime(consumer, event.id())) {
                apply.accept(event);
            }
        }));
        return message.ack();
    }

    /** The same, reading the event into its contract record through {@code reader}. */
    public CompletionStage<Void> once(String consumer, Message<String> message, EventReader reader) {
        return once(consumer, message, event -> reader.apply(consumer, event));
    }
}
