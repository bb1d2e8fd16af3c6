package io.gucun.membership.keys;

import io.gucun.common.db.JobTimeouts;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.pii.BlindIndex;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.MemberEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * The re-hash job of a key rotation (docs/partners/keys.md): recomputes members' ID-number and mobile hashes that are
 * not on the current key version from their encrypted values, in small batches, each its own transaction (with the job
 * timeouts), walking the primary key. The API keeps running: look-ups try the current and previous versions, new rows
 * are written under the current one. Stopping is safe at any point; a new run goes on with the rows still behind.
 *
 * <p>Each member whose ID-number hash moved gets a MemberIdNumberIndexed event in the same transaction (the outbox), so
 * outreach, which matches insured workers against members by that hash, learns the new one. A run with
 * {@code publishAll} walks every member and publishes the hash of each, moved or not: once, for members registered
 * before events carried the hash (docs/partners/keys.md).
 */
@ApplicationScoped
public class HashRotation {

    private static final Logger LOG = Logger.getLogger(HashRotation.class);
    /** A row an API write put back on its old version while a pass went by is taken by the next pass. */
    private static final int MAX_PASSES = 3;

    @Inject
    BlindIndexes indexes;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.membership.rehash.batch-size", defaultValue = "500")
    int batchSize;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "member-rehash");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong rehashed = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private volatile boolean publishingAll;
    private volatile OffsetDateTime startedAt;
    private volatile OffsetDateTime finishedAt;
    private volatile String error;
    private final Set<Long> conflicts = Collections.synchronizedSet(new TreeSet<>());
    private final Set<Long> unreadable = Collections.synchronizedSet(new TreeSet<>());

    @Schema(name = "RehashProgress", description = "Where the re-hash of stored keyed hashes stands on this instance")
    public record Progress(
            @Schema(description = "The key version stored hashes are moved to", example = "2") int currentVersion,
            @Schema(description = "Versions still looked up until the job is done", example = "[1]") List<Integer> previousVersions,
            @Schema(description = "Whether a run is going on") boolean running,
            @Schema(description = "Members in all", example = "1200000") long members,
            @Schema(description = "Members with either hash on another version than the current one", example = "0")
            long remaining,
            @Schema(description = "Members re-hashed by the last or running run", example = "1200000") long rehashed,
            @Schema(description = "Whether the last or running run publishes every member's ID-number hash (publishAll)")
            boolean publishingAll,
            @Schema(description = "MemberIdNumberIndexed events the last or running run wrote (one per member whose"
                    + " ID-number hash moved, or per member walked with publishAll)", example = "1200000") long published,
            @Schema(description = "Members left on their old version because another member has the same resident ID"
                    + " number under the new key (a duplicate registered during the rotation): resolve, then run again")
            List<Long> conflictingMembers,
            @Schema(description = "Members left on their old version because their encrypted values cannot be read (their"
                    + " encryption key is no longer configured)") List<Long> unreadableMembers,
            OffsetDateTime startedAt, OffsetDateTime finishedAt,
            @Schema(description = "Why the last run stopped early (the kind of error only)") String error) {
    }

    void onStop(@Observes ShutdownEvent e) {
        worker.shutdownNow();
    }

    /**
     * Starts a run unless one is going on here; answers the progress either way. {@code publishAll}: also publish the
     * ID-number hash of every member, not only of those moved (a run going on keeps its own setting).
     */
    public synchronized Progress start(boolean publishAll) {
        if (!running) {
            running = true;
            publishingAll = publishAll;
            rehashed.set(0);
            published.set(0);
            conflicts.clear();
            unreadable.clear();
            error = null;
            finishedAt = null;
            startedAt = time.now();
            worker.execute(() -> runToEnd(publishAll));
        }
        return progress();
    }

    public Progress progress() {
        BlindIndex ids = indexes.idNumber();
        int current = ids.current().version();
        Object[] counts = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select count(*), count(*) filter (where id_number_hash_version <> ?1 or mobile_hash_version <> ?2)"
                                + " from member")
                .setParameter(1, current).setParameter(2, indexes.mobile().current().version()).getSingleResult());
        return new Progress(current, ids.previousVersions(), running, ((Number) counts[0]).longValue(),
                ((Number) counts[1]).longValue(), rehashed.get(), publishingAll, published.get(), copy(conflicts), copy(unreadable), startedAt, finishedAt, error);
    }

    private static List<Long> copy(Set<Long> ids) {
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    /** Runs to the end in the calling thread (the worker, or a test); the first pass walks everyone if publishAll. */
    void runToEnd(boolean publishAll) {
        try {
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                long after = 0;
                long before = rehashed.get();
                boolean everyone = publishAll && pass == 0;
                Long last;
                while ((last = batch(after, everyone)) != null) {
                    after = last;
                }
                if (rehashed.get() == before) {
                    break; // nothing left that can be moved
                }
            }
        } catch (RuntimeException e) {
            // The class only: a message could quote a value.
            error = e.getClass().getSimpleName();
            LOG.errorf("re-hash of member keyed hashes stopped: %s", e.getClass().getName());
        } finally {
            finishedAt = time.now();
            running = false;
        }
    }

    /**
     * One batch after member id {@code after}: the members behind the current versions, or all members if
     * {@code everyone}; the last id it looked at, or null when none is left.
     */
    Long batch(long after, boolean everyone) {
        return QuarkusTransaction.requiringNew().call(() -> {
            jobTimeouts.raiseForThisTransaction();
            BlindIndex ids = indexes.idNumber();
            BlindIndex mobiles = indexes.mobile();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, id_number_cipher, mobile_cipher, id_number_hash,"
                            + " id_number_hash_version, mobile_hash_version from member"
                            + " where id > ?1 and (?5 or id_number_hash_version <> ?2 or mobile_hash_version <> ?3)"
                            + " order by id limit ?4 for update")
                    .setParameter(1, after).setParameter(2, ids.current().version())
                    .setParameter(3, mobiles.current().version()).setParameter(4, batchSize).setParameter(5, everyone)
                    .getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            long last = after;
            for (Object[] r : rows) {
                long id = ((Number) r[0]).longValue();
                last = id;
                String storedHash = (String) r[3];
                int storedVersion = ((Number) r[4]).intValue();
                if (storedVersion == ids.current().version() && ((Number) r[5]).intValue() == mobiles.current().version()) {
                    publish(id, storedHash, storedVersion); // walked only because everyone is published
                    continue;
                }
                String idNumber;
                String mobile;
                try {
                    idNumber = cipher.decrypt((String) r[1]);
                    mobile = cipher.decrypt((String) r[2]);
                } catch (RuntimeException e) {
                    unreadable.add(id); // its encryption key is no longer configured, or the value was damaged
                    publishIf(everyone, id, storedHash, storedVersion); // still valid while its version is looked up
                    continue;
                }
                String idHash = ids.hash(idNumber);
                Number twin = (Number) em.createNativeQuery("select id from member where id_number_hash = ?1 and id <> ?2")
                        .setParameter(1, idHash).setParameter(2, id).getResultStream().findFirst().orElse(null);
                if (twin != null) {
                    conflicts.add(id);
                    publishIf(everyone, id, storedHash, storedVersion);
                    continue;
                }
                // The entity's version is left alone: an API write racing this one puts back a consistent (old hash,
                // old version) pair, which the next pass moves; bumping it would fail that write with a 409 instead.
                em.createNativeQuery("update member set id_number_hash = ?1, id_number_hash_version = ?2,"
                                + " mobile_hash = ?3, mobile_hash_version = ?4 where id = ?5")
                        .setParameter(1, idHash).setParameter(2, ids.current().version())
                        .setParameter(3, mobiles.hash(mobile))
                        .setParameter(4, mobiles.current().version()).setParameter(5, id).executeUpdate();
                rehashed.incrementAndGet();
                publishIf(everyone || storedVersion != ids.current().version(), id, idHash, ids.current().version());
            }
            return last;
        });
    }

    private void publishIf(boolean wanted, long memberId, String idHash, int version) {
        if (wanted) {
            publish(memberId, idHash, version);
        }
    }

    private void publish(long memberId, String idHash, int version) {
        outbox.record(MemberEvents.AGGREGATE, memberId, "MemberIdNumberIndexed",
                new MemberEvents.MemberIdNumberIndexed(memberId, idHash, version));
        published.incrementAndGet();
    }
}
