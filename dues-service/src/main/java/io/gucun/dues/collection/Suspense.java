package io.gucun.dues.collection;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.money.Money;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.dues.ledger.AccountPurpose;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.LedgerTimes;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.gucun.events.dues.CollectionEvents;
import io.gucun.events.membership.EnterpriseEvents.EnterpriseRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Union funds from firms the union has not registered (issue 22, point 3). They are held in the SUSPENSE account of
 * the suspense org — {@code gucun.dues.suspense.org-id}, by default the root of the org tree — and reassigned, with a
 * SUSPENSE_REASSIGNMENT entry that says so, to the collecting org of the firm once membership registers it (or when an
 * officer names the registered firm by hand). Each collection is reassigned once: its source reference posts once, and
 * the record leaves SUSPENDED in the same transaction.
 */
@ApplicationScoped
public class Suspense {

    private static final Logger LOG = Logger.getLogger(Suspense.class);

    public enum Trigger { REGISTERED, BY_HAND }

    @Schema(description = "A collection held in suspense: the union has not registered the firm it names")
    public record SuspendedView(long id, String partnerReference, String creditCode, String period, String amount,
                                String currency, long suspenseOrgId, Instant receivedAt) {
    }

    @Schema(description = "The registered firm suspended money belongs to")
    public record Reassignment(@Schema(description = "Unified Social Credit Code of the firm as the union registered it; "
            + "usually the code the partner sent", example = "91310113MA1GL3XKX1") String creditCode) {
    }

    @Schema(description = "Suspended money reassigned to a registered firm's collecting org")
    public record ReassignedView(long collectionId, String partnerReference, String creditCode, String period, String amount,
                                 String currency, long enterpriseId, long enterpriseOrgId, long collectingOrgId,
                                 long fromOrgId, Instant reassignedAt, String reassignedBy, long journalEntryId) {
    }

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    Clock clock;

    @Inject
    Orgs orgs;

    @ConfigProperty(name = "gucun.dues.suspense.org-id")
    Optional<Long> configuredOrg;

    /** The org whose SUSPENSE account holds money from unregistered firms; empty while the org tree is not known here. */
    public Optional<KnownOrg> org() {
        if (configuredOrg.isPresent()) {
            return Optional.ofNullable(KnownOrg.findById(configuredOrg.get()));
        }
        List<?> root = em.createNativeQuery("select id from known_org where nlevel(path) = 1 order by id limit 1").getResultList();
        return root.isEmpty() ? Optional.empty() : Optional.ofNullable(KnownOrg.findById(((Number) root.getFirst()).longValue()));
    }

    /**
     * membership registered a firm (inside the consuming transaction): its suspended collections move to its collecting
     * org. When the suspense org's cash no longer covers one (spent or earmarked since), that one stays suspended for an
     * officer to reassign by hand later; the event is not failed for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(EnterpriseRegistered event) {
        KnownEnterprise firm = KnownEnterprise.findById(event.enterpriseId());
        if (firm == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from fund_collection where status = 'SUSPENDED' and credit_code = ?1"
                + " and voided_at is null order by id").setParameter(1, firm.creditCode).getResultList();
        for (Number id : ids) {
            Object[] c = lockSuspended(id.longValue());
            if (c == null) {
                continue;
            }
            if (cashOf(((Number) c[3]).longValue()) < ((Number) c[2]).longValue()) {
                LOG.warnf("suspended collection %d stays in suspense: the suspense org's cash no longer covers it", id.longValue());
                continue;
            }
            reassign(id.longValue(), c, firm, Trigger.REGISTERED, "membership");
        }
    }

    /** An officer's or admin's reassignment of one suspended collection to the registered firm it names. */
    @Transactional
    public ReassignedView reassignByHand(long collectionId, Reassignment request) {
        String code = request == null ? null : CreditCode.normalize(request.creditCode());
        if (code == null || code.isEmpty()) {
            throw ApiException.invalid("creditCode", "is required");
        }
        CreditCode.problemWith(code).ifPresent(p -> {
            throw ApiException.invalid("creditCode", p);
        });
        KnownEnterprise firm = KnownEnterprise.byCreditCode(code).orElseThrow(() -> new ApiException(422, "firm-not-registered",
                "Rule violated", "no firm with credit code " + code + " is registered with the union; register it first",
                List.of(new FieldError("creditCode", "names no enterprise registered with the union")), Map.of()));
        caller.requireCovers(registeredUnder(firm).path);
        Object[] c = lockSuspended(collectionId);
        if (c == null) {
            Object[] done = reassignedRow(collectionId);
            if (done != null && firm.id.equals(((Number) done[0]).longValue())) {
                return view(collectionId); // a retry of the same reassignment: nothing posted again
            }
            throw ApiException.conflict("not-suspended", "collection " + collectionId + " is not held in suspense (it was "
                    + "reassigned or voided, or never suspended); nothing posted", Map.of("collectionId", collectionId));
        }
        reassign(collectionId, c, firm, Trigger.BY_HAND, caller.username());
        return view(collectionId);
    }

    /** Suspended collections held at orgs the caller covers, oldest first. */
    @SuppressWarnings("unchecked")
    public Page<SuspendedView> suspended(Long orgId, PageRequest page) {
        String root = orgId == null ? caller.orgPath().orElse(null) : orgs.visible(orgId).path;
        if (root == null && !caller.isAdmin()) {
            throw ApiException.invalid("orgId", "is required for a caller without an organization scope");
        }
        String where = " from fund_collection c join known_org o on o.id = c.collecting_org_id where c.status = 'SUSPENDED'"
                + " and c.voided_at is null" + (root == null ? "" : " and o.path <@ cast(?1 as ltree)");
        var q = em.createNativeQuery("select c.id, c.partner_ref, c.credit_code, c.period, c.amount_fen, c.collecting_org_id,"
                + " c.received_at" + where + " order by c.id limit " + page.size() + " offset " + page.offset());
        var n = em.createNativeQuery("select count(*)" + where);
        if (root != null) {
            q.setParameter(1, root);
            n.setParameter(1, root);
        }
        List<SuspendedView> items = ((List<Object[]>) q.getResultList()).stream().map(r -> new SuspendedView(
                ((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], Money.format(((Number) r[4]).longValue()),
                Money.CURRENCY, ((Number) r[5]).longValue(), LedgerTimes.instant(r[6]))).toList();
        return new Page<>(items, page.page(), page.size(), ((Number) n.getSingleResult()).longValue());
    }

    /** partner_ref, period, amount_fen, suspense org of a collection still SUSPENDED (row locked), else null. */
    private Object[] lockSuspended(long id) {
        List<?> rows = em.createNativeQuery("select partner_ref, period, amount_fen, suspense_org_id from fund_collection"
                + " where id = ?1 and status = 'SUSPENDED' and voided_at is null for update").setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : (Object[]) rows.getFirst();
    }

    private Object[] reassignedRow(long id) {
        List<?> rows = em.createNativeQuery("select enterprise_id from fund_collection where id = ?1 and reassigned_at is not null")
                .setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : new Object[] {rows.getFirst()};
    }

    private long cashOf(long orgId) {
        List<?> rows = em.createNativeQuery("select balance_fen from ledger_account where org_id = ?1 and purpose = ?2")
                .setParameter(1, orgId).setParameter(2, AccountPurpose.CASH.name()).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst()).longValue();
    }

    private void reassign(long id, Object[] c, KnownEnterprise firm, Trigger trigger, String by) {
        String ref = (String) c[0];
        Period period = new Period(YearMonth.parse((String) c[1]));
        long fen = ((Number) c[2]).longValue();
        long fromOrg = ((Number) c[3]).longValue();
        long collectingOrg = CollectionRules.collectingOrg(Orgs.ancestorsOrSelf(registeredUnder(firm).path))
                .map(o -> o.id).orElseThrow(() -> orgNotKnown(firm));
        // Booked in the collection's month while it is open, so the month's rebate run takes it; else in this month.
        Period booked = ledger.openOrCurrent(period, clock);
        Ledger.Posted entry = ledger.postOne(Postings.suspenseReassignment(fromOrg, collectingOrg, booked, fen,
                        "suspense:" + ref, "union fund " + period + " (" + ref + ") held in suspense, reassigned to "
                                + firm.creditCode + " registered under org " + firm.orgId + " and collected by org " + collectingOrg
                                + (trigger == Trigger.REGISTERED ? " on its registration" : " by hand")), by)
                .orElseThrow(() -> new IllegalStateException("suspense of collection " + id + " reassigned twice"));
        em.createNativeQuery("update fund_collection set status = 'POSTED', enterprise_id = ?1, enterprise_org_id = ?2,"
                        + " collecting_org_id = ?3, reassigned_at = ?4, reassigned_by = ?5, reassign_entry_id = ?6 where id = ?7")
                .setParameter(1, firm.id).setParameter(2, firm.orgId).setParameter(3, collectingOrg)
                .setParameter(4, Instant.now(clock)).setParameter(5, by).setParameter(6, entry.entryId()).setParameter(7, id)
                .executeUpdate();
        outbox.record(CollectionEvents.AGGREGATE, id, "SuspenseReassigned", new CollectionEvents.SuspenseReassigned(id, ref,
                firm.creditCode, period.month(), Money.format(fen), Money.CURRENCY, firm.id, firm.orgId, collectingOrg, fromOrg,
                trigger.name(), entry.entryId(), entry.transactionId()));
    }

    private static KnownOrg registeredUnder(KnownEnterprise firm) {
        KnownOrg org = KnownOrg.findById(firm.orgId);
        if (org == null) {
            throw orgNotKnown(firm);
        }
        return org;
    }

    private static ApiException orgNotKnown(KnownEnterprise firm) {
        return ApiException.conflict("org-not-known", "the org the firm is registered under (" + firm.orgId
                + ") is not known here yet; try again later", Map.of("orgId", firm.orgId));
    }

    private ReassignedView view(long id) {
        Object[] r = (Object[]) em.createNativeQuery("select partner_ref, credit_code, period, amount_fen, enterprise_id,"
                + " enterprise_org_id, collecting_org_id, suspense_org_id, reassigned_at, reassigned_by, reassign_entry_id"
                + " from fund_collection where id = ?1").setParameter(1, id).getSingleResult();
        return new ReassignedView(id, (String) r[0], (String) r[1], (String) r[2], Money.format(((Number) r[3]).longValue()),
                Money.CURRENCY, ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue(),
                ((Number) r[7]).longValue(), LedgerTimes.instant(r[8]), (String) r[9], ((Number) r[10]).longValue());
    }
}
