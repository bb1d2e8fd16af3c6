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
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    BusinessTime time;

    @ConfigProperty(name = "gucun.service.name")
    String service;

    /** Must run inside the caller's transaction; returns the event id (the CloudEvents id consumers dedupe on). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String aggregateType, Object aggregateId, String eventType, Object data) {
        if (data instanceof Record payload && payload.getClass().getName().startsWith("io.gucun.events.")
                && !eventType.equals(EventCatalog.typeName(payload.getClass()))) {
            // the type names the contract version consumers read the data as (docs/events/README.md)
            throw new IllegalArgumentException("event type " + eventType + " does not name its payload "
                    + EventCatalog.typeName(payload.getClass()));
        }
        OutboxEvent e = new OutboxEvent();
        e.eventId = UUID.randomUUID();
        e.aggregateType = aggregateType;
        e.aggregateId = String.valueOf(aggregateId);
        e.eventType = eventType;
        e.topic = topicFor(service, aggregateType);
        try {
            e.payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event " + eventType + " cannot be serialized", ex);
        }
        e.occurredAt = time.now();
        // the relay publishes later, from another thread: the event carries its request's trace with it
        e.traceParent = TraceContexts.currentTraceparent();
        em.persist(e);
        written.fire(new OutboxWritten(e.topic, e.eventId, aggregateType, e.aggregateId, eventType, data, e.occurredAt));
        return e.eventId;
    }

    public static String topicFor(String service, String aggregateType) {
        return service + "." + aggregateType + ".v1";
    }

    /** CloudEvents type, e.g. {@code io.gucun.membership.OrgCreated}. */
    public static String cloudEventType(String service, String eventType) {
        return "io.gucun." + service + "." + eventType;
    }
}
