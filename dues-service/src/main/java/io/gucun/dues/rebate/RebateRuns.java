package io.gucun.dues.rebate;

import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.job.DuesJob;
import io.gucun.dues.job.JobRunner;
import io.gucun.dues.job.JobWork;
import io.gucun.dues.job.Jobs;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.org.Orgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebate runs as jobs. The run itself stays one balanced posting in one transaction, and the job's success is
 * committed in that same transaction: a crash before it leaves nothing posted and the job RUNNING, taken up again
 * when its lease runs out; the run rebates only collections not rebated before, so it never posts twice.
 */
@ApplicationScoped
public class RebateRuns implements JobWork {

    @Inject
    RebateService rebates;

    @Inject
    Jobs jobs;

    @Inject
    JobRunner runner;

    @Inject
    Orgs orgs;

    @Inject
    Ledger ledger;

    @Inject
    Clock clock;

    @ConfigProperty(name = "gucun.dues.rebate.run-timeout", defaultValue = "1800")
    int runTimeoutSeconds;

    @Override
    public DuesJob.Kind kind() {
        return DuesJob.Kind.REBATE_RUN;
    }

    /** Checks what can be checked at once (period, org and scope, closed period, paging) and queues the run. */
    public DuesJob accept(long orgId, String rawPeriod, PageRequest page, String idempotencyKey, boolean start) {
        String key = Jobs.key(idempotencyKey);
        Period period = Period.parse("period", rawPeriod, clock);
        DuesJob job = QuarkusTransaction.requiringNew().call(() -> {
            KnownOrg org = orgs.visible(orgId);
            String request = org.id + "|" + period + "|" + page.page() + "|" + page.size();
            Optional<DuesJob> before = jobs.sentBefore(kind(), key, request);
            if (before.isPresent()) {
                return before.get();
            }
            if (ledger.isClosed(period)) {
                throw new ApiException(422, "period-closed", "Rule violated", "period " + period + " is closed; nothing can be"
                        + " posted into it", List.of(new FieldError("period", "is closed")), Map.of("period", period.toString()));
            }
            DuesJob j = jobs.open(kind(), key, request);
            j.orgId = org.id;
            j.period = period.toString();
            j.linesPage = page.page();
            j.linesSize = page.size();
            j.persist();
            return j;
        });
        if (start && job.status == DuesJob.Status.QUEUED && job.startedAt == null) {
            runner.start(job.id);
        }
        return job;
    }

    @Override
    public void resume(DuesJob job, long maxSteps) {
        if (maxSteps < 1) {
            return;
        }
        QuarkusTransaction.requiringNew().timeout(runTimeoutSeconds).run(() -> runner.succeed(job.id,
                rebates.run(job.orgId, job.period, new PageRequest(job.linesPage, job.linesSize))));
    }
}
