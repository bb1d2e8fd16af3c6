package io.gucun.common.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.db.AfterCommit;
import io.gucun.common.db.JobTimeouts;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.schema.SchemaMigrator;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Change feeds partners pull with a cursor. A change adds its item in the transaction that makes it ({@link #append}),
 * without a position and without any lock; once that commits, the {@link FeedSequencer} gives the item its position and
 * readers see it, typically a few milliseconds later (at most {@code gucun.feed.sequence-every} when a nudge is lost).
 * A reader paging with {@code after} never skips nor repeats an item, however writers interleave: positions are drawn
 * by one sequencer at a time, each batch committing before the next draws, so a position becomes visible only after
 * every smaller one has (see {@link FeedSequencer}).
 *
 * <p>Items older than {@code gucun.feed.retention} may be pruned ({@code gucun.feed.prune-every}); a cursor from before
 * the pruned part is answered 410 (the reader must re-sync), never with a silent gap.
 *
 * <p>Tables: {@code feed_pending}, {@code feed_entry}, {@code feed_horizon} and sequence {@code feed_position}, shipped
 * once in {@code db/feed}; each service that keeps feeds names {@code db/feed} in its Flyway locations.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final Object NUDGE_REGISTERED = new Object();

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    SchemaMigrator schema;

    @Inject
    BusinessTime time;

    @Inject
    FeedSequencer sequencer;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "gucun.feed.retention", defaultValue = "P400D")
    Duration retention;

    /**
     * Adds a change to {@code feed} in the caller's transaction: it gets its position, and readers see it, shortly after
     * that commits; a rollback leaves nothing. The body is taken as it is now: a body that sums up state other
     * transactions change too (a count) must be computed under a lock of that state's own (keyed, never global), so
     * that the latest item of a subject states its current value. An item id already in the feed adds nothing.
     *
     * @param itemId  the change's id (use the causing event's id, so feed and webhooks name a change alike)
     * @param data    the item's body: a record/map serialized as JSON, or a {@link JsonNode}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String feed, UUID itemId, String type, String subject, Object data, OffsetDateTime occurredAt) {
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("feed item " + type + " cannot be serialized", e);
        }
        em.createNativeQuery("insert into feed_pending (feed, item_id, item_type, subject, data, occurred_at)"
                        + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)")
                .setParameter(1, feed)
                .setParameter(2, itemId)
                .setParameter(3, type)
                .setParameter(4, subject)
                .setParameter(5, json)
                .setParameter(6, occurredAt)
                .executeUpdate();
        nudgeAfterCommit();
    }

    /** One item for {@link #appendAll}: the arguments of {@link #append}. */
    public record Entry(String feed, UUID itemId, String type, String subject, Object data, OffsetDateTime occurredAt) {
    }

    /** {@link #append} for many items in one statement batch (a bulk change's items), in the given order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> bodies = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            try {
                bodies.add(mapper.writeValueAsString(e.data()));
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("feed item " + e.type() + " cannot be serialized", ex);
            }
        }
        em.unwrap(Session.class).doWork(c -> {
            // One statement for the batch; rows are inserted (and numbered) in the order given.
            try (PreparedStatement ps = c.prepareStatement("insert into feed_pending (feed, item_id, item_type, subject,"
                    + " data, occurred_at) select u.feed, u.id, u.type, u.subject, cast(u.data as jsonb),"
                    + " cast(u.at as timestamptz)"
                    + " from unnest(?::varchar[], ?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::text[])"
                    + " with ordinality u(feed, id, type, subject, data, at, n) order by u.n")) {
                ps.setArray(1, c.createArrayOf("varchar", entries.stream().map(Entry::feed).toArray()));
                ps.setArray(2, c.createArrayOf("uuid", entries.stream().map(Entry::itemId).toArray()));
                ps.setArray(3, c.createArrayOf("varchar", entries.stream().map(Entry::type).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", entries.stream().map(Entry::subject).toArray()));
                ps.setArray(5, c.createArrayOf("text", bodies.toArray()));
                // ISO-8601 with its offset: the instant whatever the session's time zone
                ps.setArray(6, c.createArrayOf("text", entries.stream().map(e -> e.occurredAt().toString()).toArray()));
                ps.executeUpdate();
            }
        });
        nudgeAfterCommit();
    }

    /** Wakes the sequencer once the caller's transaction has committed (once per transaction, however many items). */
    private void nudgeAfterCommit() {
        if (transactions.getResource(NUDGE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(NUDGE_REGISTERED, Boolean.TRUE);
        AfterCommit.run(transactions, sequencer::nudge);
    }

    /**
     * {@link #read} for a caller who must hold one of the roles {@code readers} lists for the feed: 404 for a feed the
     * service does not keep, 403 for a feed that belongs to another partner.
     */
    public FeedPage readAs(CallerScope caller, Map<String, Set<String>> readers, String feed, String after, Integer limit) {
        Set<String> roles = readers.get(feed);
        if (roles == null) {
            throw ApiException.notFound("feed", feed);
        }
        if (roles.stream().noneMatch(caller::hasRole)) {
            throw ApiException.forbidden("feed " + feed + " belongs to another partner");
        }
        return read(feed, after, limit);
    }

    /**
     * The page of {@code feed} after cursor {@code after} (null: from the start): at most {@code limit} items, oldest
     * first. 400 naming {@code after} or {@code limit} for a bad one; 410 when the cursor lies before pruned items.
     */
    public FeedPage read(String feed, String after, Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        FeedCursor given = FeedCursor.decode(feed, after);
        boolean fromStart = after == null || after.isBlank();
        return QuarkusTransaction.joiningExisting().call(() -> {
            // Without a cursor the reader starts at the pruned horizon, not at 0: the cursor of an empty first page
            // must not be one that is already expired.
            FeedCursor from = fromStart ? new FeedCursor(feed, prunedThrough(feed)) : given;
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select position, cast(item_id as text), item_type, subject, cast(data as text),"
                            + " occurred_at from feed_entry where feed = ?1 and position > ?2 order by position limit ?3")
                    .setParameter(1, feed)
                    .setParameter(2, from.position())
                    .setParameter(3, n + 1)
                    .getResultList();
            // Read after the items: a prune that committed before the items were read is seen here too. Without a
            // cursor the reader starts with what is kept.
            if (!fromStart) {
                requireNotPruned(from);
            }
            boolean more = rows.size() > n;
            List<FeedItem> items = new ArrayList<>();
            long last = from.position();
            for (Object[] r : rows.subList(0, Math.min(n, rows.size()))) {
                last = ((Number) r[0]).longValue();
                items.add(new FeedItem((String) r[1], (String) r[2], (String) r[3], utc(r[5]),
                        new FeedCursor(feed, last).encode(), json((String) r[4])));
            }
            return new FeedPage(feed, items, new FeedCursor(feed, last).encode(), more);
        });
    }

    private long prunedThrough(String feed) {
        @SuppressWarnings("unchecked")
        List<Number> pruned = em.createNativeQuery("select pruned_through from feed_horizon where feed = ?1")
                .setParameter(1, feed).getResultList();
        return pruned.isEmpty() ? 0 : pruned.getFirst().longValue();
    }

    private void requireNotPruned(FeedCursor from) {
        if (from.position() < prunedThrough(from.feed())) {
            throw new ApiException(410, "cursor-expired", "Gone",
                    "changes after this cursor were pruned (the feed keeps " + retention + "); start again without 'after' "
                            + "and re-sync from the full list",
                    List.of(new FieldError(FeedCursor.PARAMETER, "is older than the feed's retention")), null);
        }
    }

    /**
     * Deletes the items of {@code feed} (null: of every feed) recorded before {@code cutoff}, remembering per feed how
     * far it pruned; returns how many went.
     */
    public int prune(String feed, Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            jobTimeouts.raiseForThisTransaction(); // after a long outage, a month of items may go at once
            var query = em.createNativeQuery("with gone as (delete from feed_entry where recorded_at < ?1"
                    + (feed == null ? "" : " and feed = ?2") + " returning feed, position)"
                    + " select feed, max(position), count(*) from gone group by feed")
                    .setParameter(1, cutoff.atOffset(ZoneOffset.UTC));
            if (feed != null) {
                query.setParameter(2, feed);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> gone = query.getResultList();
            int total = 0;
            for (Object[] g : gone) {
                em.createNativeQuery("insert into feed_horizon (feed, pruned_through) values (?1, ?2) on conflict (feed)"
                                + " do update set pruned_through = greatest(feed_horizon.pruned_through, excluded.pruned_through)")
                        .setParameter(1, g[0]).setParameter(2, ((Number) g[1]).longValue()).executeUpdate();
                total += ((Number) g[2]).intValue();
            }
            return total;
        });
    }

    @Scheduled(every = "${gucun.feed.prune-every:off}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOld() {
        if (!schema.isReady()) {
            return;
        }
        int n = prune(null, time.instant().minus(retention));
        if (n > 0) {
            LOG.infof("pruned %d feed items older than %s", n, retention);
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed item is not JSON", e);
        }
    }

    static OffsetDateTime utc(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Instant t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time value " + value);
    }
}
