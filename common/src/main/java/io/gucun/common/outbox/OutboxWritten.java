package io.gucun.common.outbox;

/** Fired when an event is added to the outbox, so the relay can publish right after the commit instead of at its next poll. */
public record OutboxWritten(String topic) {
}
