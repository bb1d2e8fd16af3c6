package io.gucun.common.job;

import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Claims and leases of background jobs, for any table with the columns of {@link LeasedJob} and a {@code status}
 * column that reads QUEUED or RUNNING while the job is open. A runner claims a job by taking its lease and keeps it
 * by renewing it while it works; a job whose lease ran out (its process died) is open to any instance's sweep and
 * resumes from what it last committed. The table names passed in are the services' own constants, never input.
 */
@ApplicationScoped
public class JobLeases {

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    /**
     * In the caller's transaction: claims the job for {@code lease} if it is open and nobody holds it, true if
     * claimed. The row is locked with {@code skip locked}: a runner claiming it at the same moment makes this one
     * give up at once instead of waiting for it. {@code alsoSet} are further assignments of the claim (the service's
     * own columns, such as an attempt counter), their parameters numbered from {@code ?4}.
     */
    public boolean claim(String table, UUID jobId, Duration lease, String alsoSet, Object... params) {
        OffsetDateTime now = time.now();
        var claim = em.createNativeQuery("update " + table + " set status = 'RUNNING', lease_until = ?1,"
                        + " started_at = coalesce(started_at, ?2)" + (alsoSet.isEmpty() ? "" : ", " + alsoSet)
                        + " where id = (select id from " + table + " where id = ?3 and status in ('QUEUED', 'RUNNING')"
                        + " and (lease_until is null or lease_until < ?2) for update skip locked)")
                .setParameter(1, now.plus(lease)).setParameter(2, now).setParameter(3, jobId);
        for (int i = 0; i < params.length; i++) {
            claim.setParameter(4 + i, params[i]);
        }
        return claim.executeUpdate() == 1;
    }

    /** In a transaction of its own: the open jobs nobody holds (never started, or their runner died), oldest first. */
    public List<UUID> abandoned(String table) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select id from " + table
                        + " where status in ('QUEUED', 'RUNNING') and (lease_until is null or lease_until < ?1)"
                        + " order by created_at", UUID.class)
                .setParameter(1, time.now()).getResultList());
    }

    /** In a transaction of its own: extends the leases of running jobs this instance works on (a heartbeat). */
    public void renew(String table, Collection<UUID> jobIds, Duration lease) {
        if (jobIds.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update " + table + " set lease_until = ?1"
                        + " where id in (?2) and status = 'RUNNING'")
                .setParameter(1, until(lease)).setParameter(2, List.copyOf(jobIds)).executeUpdate());
    }

    /** The end of a lease taken or renewed now. */
    public OffsetDateTime until(Duration lease) {
        return time.now().plus(lease);
    }

    /** The runners' threads: daemons, so a job in hand never holds the process up; the sweep resumes it elsewhere. */
    public static ExecutorService workers(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
