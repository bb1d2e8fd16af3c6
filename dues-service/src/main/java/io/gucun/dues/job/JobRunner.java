package io.gucun.dues.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.job.JobLeases;
import io.gucun.common.job.LeaseLost;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.Problem;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs dues' jobs in the background. A runner claims a job by taking its lease, renews the lease while it works
 * (every step commits the renewal with the progress; a heartbeat renews it during long steps), and gives it up when
 * the job finishes. A job whose lease ran out (its process died) is claimed again by the sweep of any instance and
 * resumes from its last committed step: the job's state is all in the database.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final String TABLE = "dues_job";

    @Inject
    Instance<JobWork> works;

    @Inject
    JobIdentity identity;

    @Inject
    JobLeases leases;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.dues.jobs.lease", defaultValue = "PT1M")
    Duration lease;

    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    private final ExecutorService workers = JobLeases.workers("dues-job", 2);

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
        workers.shutdownNow();
    }

    /** Starts a job just accepted (after its transaction committed). */
    public void start(UUID jobId) {
        workers.execute(() -> run(jobId, Long.MAX_VALUE));
    }

    /** Takes up jobs whose runner died (lease expired) or that were never started. */
    @Scheduled(every = "${gucun.dues.jobs.sweep-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void resumeAbandoned() {
        leases.abandoned(TABLE).stream().filter(id -> !held.contains(id)).forEach(this::start);
    }

    /** Keeps the leases of the jobs this instance is working on, also through a step longer than the lease. */
    @Scheduled(every = "${gucun.dues.jobs.heartbeat:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        try {
            leases.renew(TABLE, held, lease);
        } catch (RuntimeException e) {
            // The next beat tries again; a lease lost meanwhile is caught by the step's guarded update.
            LOG.warnf("renewing job leases failed: %s", e.getClass().getName());
        }
    }

    /**
     * Claims the job and runs it from its last committed step, at most {@code maxSteps} steps. False if another
     * runner holds it or it is finished.
     */
    public boolean run(UUID jobId, long maxSteps) {
        DuesJob job = QuarkusTransaction.requiringNew().call(() -> leases.claim(TABLE, jobId, lease,
                "attempts = attempts + 1, version = version + 1") ? DuesJob.<DuesJob>findById(jobId) : null);
        if (job == null) {
            return false;
        }
        held.add(jobId);
        try {
            JobWork work = works.stream().filter(w -> w.kind() == job.kind).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no work for jobs of kind " + job.kind));
            identity.callAs(job.submitter(), () -> {
                work.resume(job, maxSteps);
                return null;
            });
        } catch (LeaseLost e) {
            LOG.infof("job %s: %s", jobId, e.getMessage());
        } catch (ApiException e) {
            fail(jobId, new Problem(Problem.TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(), null, null,
                    e.errors(), null));
        } catch (RuntimeException e) {
            if (stopping) {
                // Interrupted by the shutdown, not failed: the job stays RUNNING and is taken up when its lease runs out.
                LOG.infof("job %s left to be resumed after this instance stops", jobId);
                return true;
            }
            // The class only: a message may quote a record of the file.
            LOG.errorf("job %s failed: %s", jobId, trace(e));
            fail(jobId, new Problem(Problem.TYPE_PREFIX + "job-failed", "Job failed", 500, "the job stopped on an unexpected "
                    + "error; what it committed stays (an import's rows post once: sending the file again is safe)",
                    null, null, null, null));
        } finally {
            held.remove(jobId);
        }
        return true;
    }

    /** Classes and frames, no message: a message may quote a record. */
    static String trace(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 4000; t = t.getCause()) {
            b.append(t.getClass().getName());
            for (StackTraceElement f : java.util.Arrays.copyOf(t.getStackTrace(), Math.min(8, t.getStackTrace().length))) {
                b.append("\n\tat ").append(f);
            }
            b.append(t.getCause() != null ? "\ncaused by " : "");
        }
        return b.toString();
    }

    /**
     * In the step's transaction: renews the lease with the progress. Throws {@link LeaseLost} (rolling the step
     * back) unless this runner still holds the job at step {@code done}.
     */
    public void committed(UUID jobId, int done, String progress, Object... params) {
        var q = em.createNativeQuery("update dues_job set chunks_done = " + (done + 1) + ", lease_until = ?1, version = version + 1"
                + (progress.isEmpty() ? "" : ", " + progress) + " where id = ?2 and status = 'RUNNING' and chunks_done = " + done)
                .setParameter(1, leases.until(lease)).setParameter(2, jobId);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(3 + i, params[i]);
        }
        if (q.executeUpdate() == 0) {
            throw new LeaseLost(jobId);
        }
    }

    /** In the transaction of the job's last step: SUCCEEDED with its result, or {@link LeaseLost} if taken over. */
    public void succeed(UUID jobId, Object result) {
        int done = em.createNativeQuery("update dues_job set status = 'SUCCEEDED', result = cast(?1 as json), finished_at = ?2,"
                        + " lease_until = null, version = version + 1 where id = ?3 and status = 'RUNNING'")
                .setParameter(1, json(result)).setParameter(2, time.now()).setParameter(3, jobId).executeUpdate();
        if (done == 0) {
            throw new LeaseLost(jobId);
        }
    }

    private void fail(UUID jobId, Problem problem) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update dues_job set status = 'FAILED',"
                        + " problem = cast(?1 as json), finished_at = ?2, lease_until = null, version = version + 1"
                        + " where id = ?3 and status = 'RUNNING'")
                .setParameter(1, json(problem)).setParameter(2, time.now()).setParameter(3, jobId).executeUpdate());
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
