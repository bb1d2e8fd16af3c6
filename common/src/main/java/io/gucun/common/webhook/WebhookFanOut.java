package io.gucun.common.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gucun.common.outbox.OutboxWritten;
import io.gucun.common.schema.SchemaMigrator;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Turns committed events into one PENDING delivery per active subscription that wants the type, always after the
 * change that caused them has committed and in a transaction of its own: a business transaction never reads the
 * subscriptions nor writes deliveries, and a rolled-back change sends nothing.
 *
 * <p>Two sources: a service whose catalog pushes change-feed items ({@link WebhookCatalog#pushedFeedItems()}) has its
 * committed {@code feed_entry} rows drained here, behind a cursor ({@code webhook_feed_cursor}) that advances in the
 * same transaction as the deliveries it made. Feed positions are in commit order (ChangeFeed), so nothing committed is
 * passed over, and a crash between a commit and its fan-out only delays it. Other services call {@link #fanOut} from a
 * consumer of their own published events. Either way the same event queued again adds nothing: (subscription, event
 * id) is unique.
 */
@ApplicationScoped
public class WebhookFanOut {

    private static final Logger LOG = Logger.getLogger(WebhookFanOut.class);
    static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Instance<WebhookCatalog> catalog;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    SchemaMigrator schema;

    @Inject
    BusinessTime time;

    private final ExecutorService drainer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-fan-out");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();

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

    /** A change that wrote an event may have appended a pushed feed item: drain soon after its commit. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (pushesFeedItems()) {
            wake();
        }
    }

    /** The safety net: what a wake missed (a crash right after a commit, another instance's commit). */
    @Scheduled(every = "${gucun.webhooks.fan-out-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (pushesFeedItems() && schema.isReady()) {
            wake();
        }
    }

    private boolean pushesFeedItems() {
        return catalog.isResolvable() && !catalog.get().pushedFeedItems().isEmpty();
    }

    void wake() {
        if (!drainer.isShutdown() && drainQueued.compareAndSet(false, true)) {
            try {
                drainer.execute(() -> {
                    drainQueued.set(false);
                    drainFeed();
                });
            } catch (RejectedExecutionException e) {
                drainQueued.set(false);
            }
        }
    }

    /** Fans out every committed feed item past the cursor, a batch per transaction; returns how many items it read. */
    int drainFeed() {
        int read = 0;
        try {
            while (true) {
                int n = QuarkusTransaction.requiringNew().call(this::drainBatch);
                read += n;
                if (n < BATCH) {
                    return read;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("webhook fan-out of feed items failed, will retry: %s", e.getClass().getName());
            return read;
        }
    }

    int drainBatch() {
        // One instance at a time moves the cursor; another one finding it locked leaves the work to it.
        @SuppressWarnings("unchecked")
        List<Number> cursor = em.createNativeQuery("select position from webhook_feed_cursor where id = 1 for update skip locked")
                .getResultList();
        if (cursor.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> items = em.createNativeQuery("select position, cast(item_id as text), item_type, subject, cast(data as text)"
                        + " from feed_entry where position > ?1 order by position limit ?2")
                .setParameter(1, cursor.getFirst().longValue()).setParameter(2, BATCH).getResultList();
        if (items.isEmpty()) {
            return 0;
        }
        for (Object[] item : items) {
            String type = catalog.get().pushedFeedItems().get((String) item[2]);
            if (type != null) {
                try {
                    fanOut((String) item[1], type, (String) item[3], mapper.readTree((String) item[4]));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("feed item is not JSON", e);
                }
            }
        }
        em.createNativeQuery("update webhook_feed_cursor set position = ?1 where id = 1")
                .setParameter(1, ((Number) items.getLast()[0]).longValue()).executeUpdate();
        return items.size();
    }

    void onStop(@Observes ShutdownEvent event) {
        drainer.shutdownNow();
    }
}
