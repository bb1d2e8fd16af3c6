package io.gucun.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.EventCatalog;
import io.gucun.telemetry.TraceContexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Records a domain event in the same transaction as the change that caused it. The relay publishes it
 * to Kafka topic {@code <service>.<aggregate>.v1} with the aggregate id as key; if the transaction
 * rolls back, the event never existed.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<OutboxWritten> written;

    @Inject
    Event<OutboxBatchWritten> batchWritten;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.service.name")
    String service;

    /** Must run inside the caller's transaction; returns the event id (the CloudEvents id consumers dedupe on). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String aggregateType, Object aggregateId, String eventType, Object data) {
        requireTypeNamesPayload(eventType, data);
        OutboxEvent e = new OutboxEvent();
        e.eventId = UUID.randomUUID();
        e.aggregateType = aggregateType;
        e.aggregateId = String.valueOf(aggregateId);
        e.eventType = eventType;
        e.topic = topicFor(service, aggregateType);
        e.payload = serialize(eventType, data);
        e.occurredAt = time.now();
        // the relay publishes later, from another thread: the event carries its request's trace with it
        e.traceParent = TraceContexts.currentTraceparent();
        em.persist(e);
        written.fire(new OutboxWritten(e.topic, e.eventId, aggregateType, e.aggregateId, eventType, data, e.occurredAt));
        return e.eventId;
    }

    /** One event for {@link #recordAll}: the arguments of {@link #record}. */
    public record Pending(String aggregateType, Object aggregateId, String eventType, Object data) {
    }

    /**
     * {@link #record} for many events in one statement batch (a bulk operation's events), in the given order and after
     * any event this transaction recorded before; observers get one {@link OutboxBatchWritten}. Returns the event ids.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> recordAll(List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = time.now();
        String traceParent = TraceContexts.currentTraceparent();
        List<OutboxWritten> batch = new ArrayList<>(events.size());
        List<String> payloads = new ArrayList<>(events.size());
        for (Pending p : events) {
            requireTypeNamesPayload(p.eventType(), p.data());
            payloads.add(serialize(p.eventType(), p.data()));
            batch.add(new OutboxWritten(topicFor(service, p.aggregateType()), UUID.randomUUID(), p.aggregateType(),
                    String.valueOf(p.aggregateId()), p.eventType(), p.data(), now));
        }
        em.flush(); // events persisted earlier in this transaction keep their earlier place (seq) in the outbox
        em.unwrap(Session.class).doWork(c -> {
            // One statement for the batch; rows are inserted (and numbered) in the order given.
            try (PreparedStatement ps = c.prepareStatement("insert into outbox_event (event_id, aggregate_type,"
                    + " aggregate_id, event_type, topic, payload, occurred_at, trace_parent)"
                    + " select u.id, u.agg, u.agg_id, u.type, u.topic, cast(u.payload as jsonb), ?, ?"
                    + " from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[])"
                    + " with ordinality u(id, agg, agg_id, type, topic, payload, n) order by u.n")) {
                ps.setObject(1, now);
                ps.setString(2, traceParent);
                ps.setArray(3, c.createArrayOf("uuid", batch.stream().map(OutboxWritten::eventId).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", batch.stream().map(OutboxWritten::aggregateType).toArray()));
                ps.setArray(5, c.createArrayOf("varchar", batch.stream().map(OutboxWritten::aggregateId).toArray()));
                ps.setArray(6, c.createArrayOf("varchar", batch.stream().map(OutboxWritten::eventType).toArray()));
                ps.setArray(7, c.createArrayOf("varchar", batch.stream().map(OutboxWritten::topic).toArray()));
                ps.setArray(8, c.createArrayOf("text", payloads.toArray()));
                ps.executeUpdate();
            }
        });
        batchWritten.fire(new OutboxBatchWritten(List.copyOf(batch)));
        return batch.stream().map(OutboxWritten::eventId).toList();
    }

    private static void requireTypeNamesPayload(String eventType, Object data) {
        if (data instanceof Record payload && payload.getClass().getName().startsWith("io.gucun.events.")
                && !eventType.equals(EventCatalog.typeName(payload.getClass()))) {
            // the type names the contract version consumers read the data as (docs/events/README.md)
            throw new IllegalArgumentException("event type " + eventType + " does not name its payload "
                    + EventCatalog.typeName(payload.getClass()));
        }
    }

    private String serialize(String eventType, Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event " + eventType + " cannot be serialized", ex);
        }
    }

    public static String topicFor(String service, String aggregateType) {
        return service + "." + aggregateType + ".v1";
    }

    /** CloudEvents type, e.g. {@code io.gucun.membership.OrgCreated}. */
    public static String cloudEventType(String service, String eventType) {
        return "io.gucun." + service + "." + eventType;
    }
}
