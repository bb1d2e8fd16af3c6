package io.gucun.common.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.schema.SchemaMigrator;
import io.gucun.common.webhook.WebhookFanOut;
import io.gucun.common.webhook.WebhookSubscription;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives committed feed items their positions, after the business transactions that wrote them ({@link ChangeFeed#append}
 * adds an unpositioned row to {@code feed_pending}), and turns the items a service pushes by webhook into deliveries in
 * the same transaction. So no business transaction waits for another one to draw a position: the feed's old
 * database-wide append lock is gone.
 *
 * <h2>Why a reader never skips nor repeats an item</h2>
 * Positions come from sequence {@code feed_position}, drawn only here, in a transaction that first takes a
 * transaction-scoped advisory lock with {@code pg_try_advisory_xact_lock} (as {@code OutboxRelay} does): one sequencer per
 * database at a time, whichever instance gets it, never inside a user's transaction. A batch draws its positions, writes
 * its items to {@code feed_entry} and deletes them from {@code feed_pending} in one transaction, and releases the lock
 * only when that commits (PostgreSQL makes a commit visible before it releases the committer's locks). The next batch,
 * here or on another instance, draws after that commit, so its positions are larger than every position already
 * visible: positions become visible in increasing order, and once a reader sees position p, no smaller position can
 * appear later. A batch that rolls back leaves its rows pending (the next batch takes them) and a hole of unused
 * positions, which is harmless: holes are never filled.
 *
 * <h2>Commit order, and ids that interleave</h2>
 * Pending rows are consumed (deleted as they are positioned), never read behind a cursor over their ids, so there is
 * no gap to settle: a row whose id was drawn early but whose transaction commits late is simply not visible to this
 * batch and is taken by a later one, getting a later position, in the order the sequencer sees commits. Within a batch
 * rows are positioned in id order. That keeps the order that matters, between changes one of which depends on the other:
 * when change A has committed before change B writes its item (B waited for A's row lock or A's keyed lock, as two
 * changes of one member or one enterprise's member count do), B's id is the larger one (the identity's cache is 1), and
 * any batch that sees B sees A too, so A's position is the smaller. Two changes that overlapped in time, with nothing
 * ordering them, may come out in either order. Sequencing order is commit order as far as any reader can tell.
 *
 * <h2>Lag and recovery</h2>
 * Each commit that added items nudges the sequencer (after the commit, on this instance); a poll every
 * {@code gucun.feed.sequence-every} (default 500 ms) takes what a nudge missed: another instance's commits while this
 * one held the lock, or items committed before a crash or restart, which stay pending until then. Typical lag between a
 * commit and its item being readable: a few milliseconds, and under load one batch ({@code gucun.feed.sequence-batch},
 * default 500 items).
 */
@ApplicationScoped
public class FeedSequencer {

    private static final Logger LOG = Logger.getLogger(FeedSequencer.class);
    /** Any constant works: each service has its own database. ASCII "feeds". */
    static final long SEQUENCER_LOCK = 0x6665656473L;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    SchemaMigrator schema;

    @Inject
    WebhookFanOut fanOut;

    @ConfigProperty(name = "gucun.feed.sequence-batch", defaultValue = "500")
    int batchSize;

    /** One thread: batches never overlap inside an instance, and committers never wait for the sequencer. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "feed-sequencer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();

    /** Positions what is pending soon, on the sequencer's thread; returns at once. */
    public void nudge() {
        if (paused.get() || worker.isShutdown() || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                queued.set(false);
                drain();
            });
        } catch (RejectedExecutionException e) {
            queued.set(false); // shutting down: the items stay pending for the next start
        }
    }

    @Scheduled(every = "${gucun.feed.sequence-every:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        nudge();
    }

    void drain() {
        if (paused.get() || !schema.isReady()) {
            return;
        }
        try {
            int n;
            do {
                n = QuarkusTransaction.requiringNew().call(this::sequenceBatch);
            } while (n == batchSize && !paused.get());
        } catch (RuntimeException e) {
            LOG.warnf("feed sequencer could not position items, will retry: %s", e.getClass().getName());
        }
    }

    /**
     * Positions the oldest pending items in the caller's transaction and queues their webhook deliveries; returns how
     * many it took (0 when none, or when another instance is the sequencer). Public so tests can stage a sequencer
     * dying before its commit.
     */
    public int sequenceBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, SEQUENCER_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from feed_pending order by id limit ?1")
                .setParameter(1, batchSize).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        // The inner order by is kept below the projection (a sorted subquery is not flattened): positions are drawn in
        // id order. An item id already in its feed adds nothing (the same change appended twice).
        @SuppressWarnings("unchecked")
        List<Object[]> placed = em.createNativeQuery("""
                        with taken as (
                            delete from feed_pending where id in (:ids)
                            returning id, feed, item_id, item_type, subject, data, occurred_at
                        ), placed as (
                            insert into feed_entry (position, feed, item_id, item_type, subject, data, occurred_at)
                            select nextval('feed_position'), feed, item_id, item_type, subject, data, occurred_at
                              from (select * from taken order by id) t
                            on conflict (feed, item_id) do nothing
                            returning position, item_id, item_type, subject, data
                        )
                        select position, cast(item_id as text), item_type, subject, cast(data as text)
                          from placed order by position""")
                .setParameter("ids", ids.stream().map(Number::longValue).toList()).getResultList();
        // one read of the subscriptions for the batch; with none (most installations) no item is parsed for them
        List<WebhookSubscription> active = placed.isEmpty() ? List.of() : fanOut.activeSubscriptions();
        if (active.isEmpty()) {
            return ids.size();
        }
        for (Object[] item : placed) {
            try {
                fanOut.feedItem(active, (String) item[2], (String) item[1], (String) item[3], mapper.readTree((String) item[4]));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("feed item is not JSON", e);
            }
        }
        return ids.size();
    }

    /** Items committed but not positioned yet (for tests and health). */
    public long pending() {
        return QuarkusTransaction.joiningExisting().call(() ->
                ((Number) em.createNativeQuery("select count(*) from feed_pending").getSingleResult()).longValue());
    }

    /**
     * Stops positioning (items keep accumulating safely in {@code feed_pending}), e.g. to stage a crash in a test;
     * returns once a batch under way has committed.
     */
    public void pause() {
        paused.set(true);
        try {
            worker.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("feed sequencer did not settle while pausing: %s", e.toString());
        }
    }

    public void resume() {
        paused.set(false);
        nudge();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
    }
}
