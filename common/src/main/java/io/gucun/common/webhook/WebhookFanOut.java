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
 * Turns committed events into one PENDING delivery per active subscription that wants the type, always after the
 * change that caused them has committed and in a transaction of its own: a business transaction never reads the
 * subscriptions nor writes deliveries, and a rolled-back change sends nothing.
 *
 * <p>Two sources: a service whose catalog pushes change-feed items ({@link WebhookCatalog#pushedFeedItems()}) has them
 * fanned out by the feed sequencer ({@link #feedItem}), in the transaction that gives each committed item its position,
 * so nothing committed is passed over and a crash between a commit and its fan-out only delays it. Other services call
 * {@link #fanOut} from a consumer of their own published events. Either way the same event queued again adds nothing:
 * (subscription, event id) is unique.
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
     * Queues a committed event; the body posted is {@code {id, type, source, subject, data}}. Returns how many
     * deliveries were added (0 for a type the catalog does not offer or nobody wants). Call it in a transaction that
     * is not the one of the change (e.g. a consumer of the service's own events).
     *
     * @param eventId the id the receiver dedupes on (header {@code Gucun-Event-Id}); the feed item of the same change
     *                carries the same id
     * @param data    a record, a map or a JsonNode
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fanOut(String eventId, String type, String subject, Object data) {
        return fanOut(activeSubscriptions(), eventId, type, subject, data);
    }

    /** The subscriptions deliveries go to now; read once for a batch of feed items ({@link #feedItem}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<WebhookSubscription> activeSubscriptions() {
        // a service without a webhook catalog has no subscriptions (nor, maybe, their table)
        return catalog.isResolvable() ? WebhookSubscription.list("active = true") : List.of();
    }

    private int fanOut(List<WebhookSubscription> active, String eventId, String type, String subject, Object data) {
        if (!catalog.isResolvable() || !catalog.get().offers(type)) {
            return 0;
        }
        List<WebhookSubscription> subscribers = active.stream().filter(s -> s.wants(type)).toList();
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

    /**
     * Queues the deliveries of a feed item the catalog pushes by webhook ({@link WebhookCatalog#pushedFeedItems()}), with
     * the item's id and body; 0 for an item that is not pushed. The feed sequencer calls it in the transaction that gives
     * the item its position, so each committed item is fanned out once, after its change committed; {@code active} is
     * {@link #activeSubscriptions()}, read once for the sequencer's batch rather than once an item.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int feedItem(List<WebhookSubscription> active, String itemType, String itemId, String subject, Object data) {
        String type = catalog.isResolvable() ? catalog.get().pushedFeedItems().get(itemType) : null;
        return type == null ? 0 : fanOut(active, itemId, type, subject, data);
    }

}
