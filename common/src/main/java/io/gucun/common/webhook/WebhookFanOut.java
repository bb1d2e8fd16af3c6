package io.gucun.common.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gucun.common.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Queues one event for every active subscription that wants its type: one PENDING delivery each, in the caller's
 * transaction, so the deliveries exist exactly when the caller's work commits. The same event queued again adds
 * nothing ((subscription, event id) is unique): a caller driven by at-least-once input may call this more than once.
 */
@ApplicationScoped
public class WebhookFanOut {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Instance<WebhookCatalog> catalog;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    BusinessTime time;

    /**
     * Queues the event; the body posted is {@code {id, type, source, subject, data}}. Returns how many deliveries were
     * added (0 for a type the catalog does not offer or nobody wants).
     *
     * @param eventId the id the receiver dedupes on (header {@code Gucun-Event-Id}); the feed item of the same change
     *                carries the same id
     * @param data    a record, a map or a JsonNode
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fanOut(String eventId, String type, String subject, Object data) {
        if (!catalog.isResolvable() || !catalog.get().offers(type)) {
            return 0;
        }
        List<WebhookSubscription> subscribers = WebhookSubscription.<WebhookSubscription>list("active = true").stream()
                .filter(s -> s.wants(type)).toList();
        if (subscribers.isEmpty()) {
            return 0;
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("id", eventId);
        body.put("type", type);
        body.put("source", catalog.get().source());
        body.put("subject", subject);
        body.set("data", mapper.valueToTree(data));
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body of " + type + " cannot be serialized", e);
        }
        OffsetDateTime now = time.now();
        int queued = 0;
        for (WebhookSubscription s : subscribers) {
            queued += em.createNativeQuery("insert into webhook_delivery (subscription_id, event_id, event_type, body, state, attempts,"
                            + " next_attempt_at, created_at) values (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6) on conflict (subscription_id, event_id) do nothing")
                    .setParameter(1, s.id).setParameter(2, eventId).setParameter(3, type).setParameter(4, json)
                    .setParameter(5, DeliveryState.PENDING.name()).setParameter(6, now)
                    .executeUpdate();
        }
        if (queued > 0) {
            dispatcher.wakeAfterCommit();
        }
        return queued;
    }
}
