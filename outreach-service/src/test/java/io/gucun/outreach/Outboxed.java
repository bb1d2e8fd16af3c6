package io.gucun.outreach;

import io.gucun.common.outbox.OutboxEvent;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.util.List;

/** What the service wrote to its outbox for one aggregate, oldest first. */
public final class Outboxed {

    private Outboxed() {
    }

    public static List<OutboxEvent> events(String aggregateType, Object aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> Arc.container().instance(EntityManager.class).get()
                .createQuery("from OutboxEvent where aggregateType = ?1 and aggregateId = ?2 order by seq", OutboxEvent.class)
                .setParameter(1, aggregateType).setParameter(2, String.valueOf(aggregateId)).getResultList());
    }

    public static List<String> types(String aggregateType, Object aggregateId) {
        return events(aggregateType, aggregateId).stream().map(e -> e.eventType).toList();
    }
}
