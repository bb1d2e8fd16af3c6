package io.gucun.common.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.outbox.DatabaseOutage;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.outbox.ProcessedEvents;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The one idempotent-consumer inbox: applies a received event at most once per consumer. The effect and the
 * remembered event id ({@link ProcessedEvents}) commit in one transaction, so a redelivery takes no effect.
 * <p>
 * An event whose CloudEvents source is not the topic's owner is refused ({@link EventSources}).
 * A transient failure (database unreachable, a lost conflict) is retried ({@link DatabaseOutage}); a record that
 * cannot be read or whose effect fails otherwise goes to the channel's dead-letter topic ({@link DeadLetters}) and the
 * consumer goes on with the next record.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    ObjectMapper mapper;

    @Inject
    ProcessedEvents processed;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Tracer tracer;

    private static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("gucun.consumer");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    public CompletionStage<Void> once(String consumer, Message<String> message, Consumer<EventEnvelope> apply) {
        return each(consumer, message, event -> {
            if (processed.firstTime(consumer, event.id())) {
                apply.accept(event);
            }
        });
    }

    /**
     * Applies every delivery of the event in a transaction of its own, without remembering its id: for an effect that
     * is idempotent by itself. Transient failures are retried, poison records dead-lettered, as for {@link #once}.
     */
    public CompletionStage<Void> each(String consumer, Message<String> message, Consumer<EventEnvelope> apply) {
        // joins the trace of the request that recorded the event: the Kafka connector read its traceparent header
        Context received = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
        Span span = tracer.spanBuilder("consume " + consumer).setParent(received != null ? received : Context.current())
                .setAttribute(CONSUMER, consumer).startSpan();
        try (Scope scope = span.makeCurrent()) {
            return apply(consumer, message, apply, span);
        } finally {
            span.end();
        }
    }

    private CompletionStage<Void> apply(String consumer, Message<String> message, Consumer<EventEnvelope> apply, Span span) {
        EventEnvelope event;
        try {
            event = EventEnvelope.from(message, mapper);
        } catch (RuntimeException unreadable) {
            return deadLetters.nack(consumer, message, null, unreadable);
        }
        span.setAttribute(EVENT_TYPE, event.type());
        EventSources.ForeignEvent foreign = EventSources.refusal(message, event.id());
        if (foreign != null) {
            // not the topic's owner: never applied, and a replay dead-letters it again
            return deadLetters.nack(consumer, message, event.id(), foreign);
        }
        try {
            // a database that is restarting must not fail the channel for good (fault suite, R3): wait for it, then apply
            DatabaseOutage.retry(consumer + " event " + event.id(),
                    () -> QuarkusTransaction.requiringNew().run(() -> apply.accept(event)));
        } catch (RuntimeException poison) {
            span.setStatus(StatusCode.ERROR, "dead-lettered");
            // rolled back, so not remembered as processed: a replay after the fix applies it
            return deadLetters.nack(consumer, message, event.id(), poison);
        }
        return message.ack();
    }

    /** The same, reading the event into its contract record through {@code reader}. */
    public CompletionStage<Void> once(String consumer, Message<String> message, EventReader reader) {
        return once(consumer, message, event -> reader.apply(consumer, event));
    }
}
