package io.gucun.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** An event waiting in (or already relayed from) the service's outbox table; written in the business transaction. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Insertion order; the relay publishes in this order so one aggregate's events stay ordered. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** Set when Kafka refused the event for good; its aggregate's later events wait until it is retried. */
    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    /** Why it was parked: the Kafka exception's class (no payload). */
    @Column(name = "park_reason")
    public String parkReason;

    /** The recording request's W3C {@code traceparent}, or null outside a trace (see {@link Outbox#record}). */
    @Column(name = "trace_parent")
    public String traceParent;

    /** Sends that failed while other events were accepted. */
    @Column(name = "failed_sends", nullable = false)
    public int failedSends;
}
