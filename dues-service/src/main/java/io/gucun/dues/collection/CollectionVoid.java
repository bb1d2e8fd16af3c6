package io.gucun.dues.collection;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.dues.ledger.LedgerService;
import io.gucun.dues.ledger.LedgerTimes;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.rebate.RebateRunReversal;
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
 * Voids a collection (issue 21, point 7): its posting is reversed and the record marked in one transaction, and no rebate
 * run takes it any more. A collection a run has rebated is voided after that run is reversed.
 */
@ApplicationScoped
public class CollectionVoid {

    @Schema(description = "A voided collection")
    public record View(long id, String partnerReference, long collectingOrgId, String period, Instant voidedAt, String voidedBy,
                       String reason, long voidEntryId) {
    }

    @Inject
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    CallerScope caller;

    @Inject
    Clock clock;

    /** Voids once; a retry answers the void made the first time. */
    @Transactional
    public View voidCollection(long id, String reason) {
        Object[] r = ledger.lockForCorrection("select collecting_org_id, partner_ref, period, voided_at, reassign_entry_id"
                + " from fund_collection where id = ?1", id, "collection");
        long collectingOrgId = ((Number) r[0]).longValue();
        if (r[3] == null) {
            RebateRunReversal.lockOrgPeriod(em, collectingOrgId, new Period(YearMonth.parse((String) r[2])));
            List<?> run = em.createNativeQuery("select run_id from rebate_line where collection_id = ?1").setParameter(1, id)
                    .getResultList();
            if (!run.isEmpty()) {
                long runId = ((Number) run.getFirst()).longValue();
                String operation = "POST /api/dues/rebate-runs/" + runId + "/reversal";
                throw ApiException.conflict("collection-rebated", "collection " + id + " was rebated by run " + runId
                        + "; reverse that run first (" + operation + "), then void the collection", Map.of("runId", runId,
                        "operation", operation));
            }
            long entryId = ((Number) em.createNativeQuery("select id from journal_entry where source_ref = ?1")
                    .setParameter(1, "collection:" + r[1]).getSingleResult()).longValue();
            if (r[4] != null) {
                // Money that came through suspense: its reassignment is undone first, so both postings are reversed.
                ledger.reverseForCorrection(((Number) r[4]).longValue(), "void of collection " + id + ": " + reason);
            }
            long reversal = ledger.reverseForCorrection(entryId, "void of collection " + id + ": " + reason);
            em.createNativeQuery("update fund_collection set voided_at = ?1, voided_by = ?2, void_reason = ?3, void_entry_id = ?4"
                            + " where id = ?5").setParameter(1, Instant.now(clock)).setParameter(2, caller.username())
                    .setParameter(3, reason).setParameter(4, reversal).setParameter(5, id).executeUpdate();
        }
        Object[] v = (Object[]) em.createNativeQuery("select partner_ref, collecting_org_id, period, voided_at, voided_by,"
                + " void_reason, void_entry_id from fund_collection where id = ?1").setParameter(1, id).getSingleResult();
        return new View(id, (String) v[0], ((Number) v[1]).longValue(), (String) v[2], LedgerTimes.instant(v[3]), (String) v[4],
                (String) v[5], ((Number) v[6]).longValue());
    }
}
