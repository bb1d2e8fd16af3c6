package io.gucun.dues.rebate;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.dues.ledger.LedgerService;
import io.gucun.dues.ledger.LedgerTimes;
import io.gucun.dues.ledger.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reverses a rebate run as a whole (issue 21, point 7): its journal entry is reversed and its lines move to
 * reversed_rebate_line in the same transaction, so a later run takes its collections again. Kept apart from
 * RebateService: the run itself is not touched beyond its reversal columns.
 */
@ApplicationScoped
public class RebateRunReversal {

    @Schema(description = "A reversed rebate run")
    public record View(long runId, long orgId, String period, Instant reversedAt, String reversedBy, String reason,
                       long reversalEntryId, @Schema(description = "Collections a new run of the period takes again") long collections) {
    }

    @Inject
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    CallerScope caller;

    @Inject
    Clock clock;

    /** Reverses the run once; a retry answers the reversal made the first time. */
    @Transactional
    public View reverse(long runId, String reason) {
        Object[] r = ledger.lockForCorrection("select org_id, period, journal_entry_id, reversed_at from rebate_run where id = ?1",
                runId, "rebate run");
        long orgId = ((Number) r[0]).longValue();
        if (r[3] == null) {
            Period period = new Period(YearMonth.parse((String) r[1]));
            lockOrgPeriod(em, orgId, period);
            // A held share already released to a union is that union's money now: undo the release first.
            List<?> released = em.createNativeQuery("select distinct released_by from rebate_line where run_id = ?1"
                    + " and released_by is not null order by 1").setParameter(1, runId).getResultList();
            if (!released.isEmpty()) {
                throw ApiException.conflict("held-share-released", "rebate run " + runId + " held shares that release "
                        + released.getFirst() + " has paid out; it cannot be reversed as a whole",
                        Map.<String, Object>of("releaseIds", List.copyOf(released)));
            }
            long reversal = ledger.reverseForCorrection(((Number) r[2]).longValue(), "reversal of rebate run " + runId + ": " + reason);
            em.createNativeQuery("insert into reversed_rebate_line select * from rebate_line where run_id = ?1")
                    .setParameter(1, runId).executeUpdate();
            em.createNativeQuery("delete from rebate_line where run_id = ?1").setParameter(1, runId).executeUpdate();
            em.createNativeQuery("update rebate_run set reversed_at = ?1, reversed_by = ?2, reverse_reason = ?3,"
                            + " reversal_entry_id = ?4 where id = ?5").setParameter(1, Instant.now(clock))
                    .setParameter(2, caller.username()).setParameter(3, reason).setParameter(4, reversal).setParameter(5, runId)
                    .executeUpdate();
        }
        Object[] v = (Object[]) em.createNativeQuery("select r.org_id, r.period, r.reversed_at, r.reversed_by, r.reverse_reason,"
                + " r.reversal_entry_id, (select count(*) from reversed_rebate_line l where l.run_id = r.id) from rebate_run r"
                + " where r.id = ?1").setParameter(1, runId).getSingleResult();
        return new View(runId, ((Number) v[0]).longValue(), (String) v[1], LedgerTimes.instant(v[2]), (String) v[3],
                (String) v[4], ((Number) v[5]).longValue(), ((Number) v[6]).longValue());
    }

    /**
     * The lock a rebate run of the org and period holds (RebateService.run): a reversal, or a void of one of its
     * collections, waits for a run in progress instead of racing it.
     */
    public static void lockOrgPeriod(EntityManager em, long orgId, Period period) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1, ?2)").setParameter(1, (int) (orgId ^ (orgId >>> 32)))
                .setParameter(2, period.month().getYear() * 100 + period.month().getMonthValue()).getSingleResult();
    }
}
