package io.gucun.common.inbox;

import io.gucun.common.outbox.UnreadableEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Poison records: a record a consumer cannot read, or whose effect fails for a reason that is not transient, is nacked
 * with a reason that quotes no personal data. The channel's {@code failure-strategy=dead-letter-queue} then writes the
 * record (key, value, headers) with that reason to the channel's dead-letter topic and the consumer goes on with the
 * next record. Counted in {@code gucun_consumer_dead_letters_total{consumer}} and shown in the readiness detail
 * {@code dead-letters}, which stays UP: a dead letter is an operator's task (replay), not a reason to stop serving.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> sinceStart = new ConcurrentHashMap<>();
    private volatile String last;

    /** Nacks {@code message} for the dead-letter topic; {@code eventId} may be null when the record has none. */
    public CompletionStage<Void> nack(String consumer, Message<?> message, String eventId, Throwable failure) {
        String reason = consumer + ": " + describe(failure);
        LOG.errorf("event %s goes to the dead-letter topic of %s", eventId == null ? "(unread)" : eventId, reason);
        Counter.builder("gucun.consumer.dead.letters").description("Records a consumer sent to its dead-letter topic")
                .tag("consumer", consumer).register(registry).increment();
        sinceStart.computeIfAbsent(consumer, c -> new AtomicLong()).incrementAndGet();
        last = Instant.now() + " " + reason;
        return message.nack(new DeadLetter(reason));
    }

    /**
     * What went wrong, without personal data: our own unreadable-event messages (ids, types and field names), else the
     * exception classes down the cause chain and a database's SQLState, but never another exception's message.
     */
    static String describe(Throwable failure) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableEvent) {
                parts.add(t.getClass().getSimpleName() + ": " + t.getMessage());
                break;
            }
            parts.add(t instanceof SQLException sql && sql.getSQLState() != null
                    ? t.getClass().getName() + " (SQLState " + sql.getSQLState() + ")" : t.getClass().getName());
        }
        return String.join(" <- ", parts);
    }

    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        sinceStart.forEach((c, n) -> out.put(c, n.get()));
        return out;
    }

    String last() {
        return last;
    }

    /** The nack reason; the dead-letter strategy copies its message into the record's dead-letter-reason header. */
    static final class DeadLetter extends RuntimeException {
        DeadLetter(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Always UP; says how many records each consumer dead-lettered since start and the last reason. */
    @Readiness
    @ApplicationScoped
    static class Check implements HealthCheck {
        @Inject
        DeadLetters deadLetters;

        @Override
        public HealthCheckResponse call() {
            var builder = HealthCheckResponse.named("dead-letters").up();
            deadLetters.counts().forEach(builder::withData);
            String last = deadLetters.last();
            if (last != null) {
                builder.withData("last", last);
            }
            return builder.build();
        }
    }
}
