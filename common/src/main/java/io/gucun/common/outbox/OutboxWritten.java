package io.gucun.common.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Fired (synchronously, inside the writing transaction) when an event is added to the outbox. The relay observes it
 * after the commit to publish at once instead of at its next poll; a service may observe it in the transaction to keep
 * a projection of its own events (e.g. a partner change feed) in step with the change, with the same event id.
 *
 * @param data the event body as recorded (the service's own event record), before serialization
 */
public record OutboxWritten(String topic, UUID eventId, String aggregateType, String aggregateId, String eventType,
                            Object data, OffsetDateTime occurredAt) {
}
