package io.gucun.dues.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.approval.ApprovalSubject;
import io.gucun.dues.approval.Approvals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Manual entries above the approval threshold: held in pending_manual_entry, posted (by the proposer's name, into the
 * period it names, if still open) when a second officer approves. The approval row records who approved and when.
 */
@ApplicationScoped
public class ManualEntryApproval implements ApprovalSubject {

    static final String KIND = "MANUAL_ENTRY";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    BusinessTime time;

    @Inject
    Approvals approvals;

    @Inject
    Ledger ledger;

    @ConfigProperty(name = "gucun.dues.manual-entry.approval-threshold", defaultValue = "10000.00")
    String threshold;

    long thresholdFen() {
        return Money.parse("gucun.dues.manual-entry.approval-threshold", threshold);
    }

    /** Holds the entry for approval; a retry with the same Idempotency-Key answers the same pending entry. */
    @Transactional(Transactional.TxType.MANDATORY)
    LedgerDtos.PendingEntryView propose(JournalDraft draft) {
        if (draft.sourceRef() != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> same = em.createNativeQuery("select id, period, description, total_fen from pending_manual_entry"
                    + " where source_ref = ?1").setParameter(1, draft.sourceRef()).getResultList();
            if (!same.isEmpty()) {
                Object[] r = same.getFirst();
                if (!r[1].equals(draft.period().toString()) || !r[2].equals(draft.description())
                        || ((Number) r[3]).longValue() != draft.debits()) {
                    throw ApiException.idempotencyKeyReused();
                }
                return view(((Number) r[0]).longValue());
            }
        }
        StringBuilder legs = new StringBuilder("[");
        for (JournalDraft.Leg l : draft.legs()) {
            legs.append(legs.length() > 1 ? "," : "").append("{\"orgId\":").append(l.orgId()).append(",\"purpose\":\"")
                    .append(l.purpose()).append("\",\"side\":\"").append(l.side()).append("\",\"fen\":").append(l.amountFen()).append('}');
        }
        long id = ((Number) em.createNativeQuery("insert into pending_manual_entry (period, description, legs, total_fen, source_ref,"
                        + " proposed_by, proposed_at) values (?1, ?2, cast(?3 as jsonb), ?4, nullif(?5, ''), ?6, ?7) returning id")
                .setParameter(1, draft.period().toString()).setParameter(2, draft.description()).setParameter(3, legs.append(']').toString())
                .setParameter(4, draft.debits()).setParameter(5, draft.sourceRef() == null ? "" : draft.sourceRef()).setParameter(6, caller.username())
                .setParameter(7, time.instant()).getSingleResult()).longValue();
        // An officer's entry is approved by another officer of their org or above; an admin's by another admin.
        approvals.propose(KIND, id, caller.isAdmin() ? null : caller.orgPath().orElse(null), "manual entry of "
                + Money.format(draft.debits()) + " in " + draft.period() + ": " + draft.description());
        return view(id);
    }

    LedgerDtos.PendingEntryView view(long id) {
        Object[] r = (Object[]) em.createNativeQuery("select period, description, total_fen, journal_entry_id from pending_manual_entry"
                + " where id = ?1").setParameter(1, id).getSingleResult();
        long approvalId = approvals.of(KIND, id).orElseThrow().id();
        return new LedgerDtos.PendingEntryView(id, approvalId, (String) r[0], (String) r[1], Money.format(((Number) r[2]).longValue()),
                Money.format(thresholdFen()), r[3] == null ? null : ((Number) r[3]).longValue(), Money.CURRENCY);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void approved(long subjectId, Decision decision) {
        Object[] r = (Object[]) em.createNativeQuery("select period, description, legs::text, source_ref from pending_manual_entry"
                + " where id = ?1").setParameter(1, subjectId).getSingleResult();
        List<JournalDraft.Leg> legs = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree((String) r[2])) {
                legs.add(new JournalDraft.Leg(n.get("orgId").asLong(), AccountPurpose.valueOf(n.get("purpose").asText()),
                        JournalDraft.Side.valueOf(n.get("side").asText()), n.get("fen").asLong()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable pending entry " + subjectId, e);
        }
        JournalDraft draft = new JournalDraft(EntryKind.MANUAL, new Period(YearMonth.parse((String) r[0])), (String) r[1],
                r[3] == null ? "manual-approved:" + subjectId : (String) r[3], null, legs);
        Ledger.Posted posted = ledger.postOne(draft, decision.proposedBy())
                .orElseThrow(() -> new IllegalStateException("pending entry " + subjectId + " was posted before"));
        em.createNativeQuery("update pending_manual_entry set journal_entry_id = ?1 where id = ?2")
                .setParameter(1, posted.entryId()).setParameter(2, subjectId).executeUpdate();
    }

    @Override
    public void rejected(long subjectId, Decision decision) {
        // Nothing was posted; the approval row records the rejection.
    }
}
