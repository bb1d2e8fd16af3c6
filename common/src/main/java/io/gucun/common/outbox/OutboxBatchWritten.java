package io.gucun.common.outbox;

import java.util.List;

/**
 * Fired once (synchronously, inside the writing transaction) when {@link Outbox#recordAll} adds several events at once,
 * instead of one {@link OutboxWritten} per event: an observer that keeps a projection can then do per batch what it
 * would otherwise do per event (one look-up, one insert). Observers of {@link OutboxWritten} that must see every event
 * observe this too.
 *
 * @param events the events as written, in their outbox order
 */
public record OutboxBatchWritten(List<OutboxWritten> events) {
}
