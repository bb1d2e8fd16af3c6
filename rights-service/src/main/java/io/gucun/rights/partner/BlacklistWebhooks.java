package io.gucun.rights.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.webhook.DeliveryState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns this service's own blacklist events (from Kafka, at least once) into one pending delivery per subscription that
 * wants the type. A redelivered event adds nothing: (subscription, event id) is unique.
 */
@ApplicationScoped
public class WebhookFanOut {

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    WebhookDispatcher dispatcher;

    @Incoming("webhook-blacklist")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        EventEnvelope event = EventEnvelope.from(message, mapper);
        int queued = QuarkusTransaction.requiringNew().call(() -> fanOut(event));
        if (queued > 0) {
            dispatcher.wake();
        }
        return message.ack();
    }

    int fanOut(EventEnvelope event) throws Exception {
        if (!PartnerEvents.WEBHOOK_TYPES.containsKey(event.name())) {
            return 0;
        }
        List<WebhookSubscription> subscribers = WebhookSubscription.<WebhookSubscription>list("active = true").stream()
                .filter(s -> s.wants(event.name())).toList();
        if (subscribers.isEmpty()) {
            return 0;
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("id", event.id());
        body.put("type", event.name());
        body.put("source", "/gucun/rights");
        body.put("subject", event.subject());
        body.set("data", event.data());
        String json = mapper.writeValueAsString(body);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int queued = 0;
        for (WebhookSubscription s : subscribers) {
            queued += em.createNativeQuery("insert into webhook_delivery (subscription_id, event_id, event_type, body, state, attempts,"
                            + " next_attempt_at, created_at) values (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6) on conflict (subscription_id, event_id) do nothing")
                    .setParameter(1, s.id).setParameter(2, event.id()).setParameter(3, event.name()).setParameter(4, json)
                    .setParameter(5, DeliveryState.PENDING.name()).setParameter(6, now)
                    .executeUpdate();
        }
        return queued;
    }
}
