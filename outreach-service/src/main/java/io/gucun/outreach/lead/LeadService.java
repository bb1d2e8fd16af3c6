package io.gucun.outreach.lead;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.common.api.NativePage;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.UnionFoundedSeen;
import io.gucun.common.money.Money;
import io.gucun.events.dues.CollectionEvents.CollectionSuspended;
import io.gucun.events.outreach.LeadEvents;
import io.gucun.outreach.event.OutreachEvent;
import io.gucun.outreach.membership.OrgScopes;
import io.gucun.outreach.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

@ApplicationScoped
public class LeadService {

    @Inject
    Provider<OrgScopes> scopes;

    @Inject
    Outbox outbox;

    @Inject
    BusinessTime time;

    /**
     * A worker of this enterprise signed up at the event: the enterprise becomes (or stays) a lead unless it has a union.
     * Runs in the sign-up's transaction; the lead is found once, whatever the number of workers.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EnterpriseLead> workerSeen(String creditCode, String employerName, OutreachEvent event) {
        Optional<KnownEnterprise> known = KnownEnterprise.byCreditCode(creditCode);
        if (known.map(KnownEnterprise::hasUnion).orElse(false)) {
            return Optional.empty();
        }
        takeTurns(List.of(creditCode));
        EnterpriseLead lead = EnterpriseLead.find("creditCode", creditCode).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (lead != null) {
            if (lead.status != LeadStatus.FOUNDED) {
                lead.workersSeen++;
            }
            if (lead.firstEventId == null) {
                lead.firstEventId = event.id; // found by suspended money: this is the first event its workers came to
            }
            return Optional.of(lead);
        }
        Site site = Site.findById(event.siteId);
        lead = new EnterpriseLead();
        lead.creditCode = creditCode;
        lead.enterpriseId = known.map(e -> e.id).orElse(null);
        lead.name = known.map(e -> e.name).orElse(employerName);
        lead.orgId = known.map(e -> e.orgId).orElse(event.orgId);
        lead.orgPath = known.map(e -> e.orgPath).orElse(event.orgPath);
        lead.gridCode = known.map(e -> e.gridCode).orElse(site == null ? null : site.gridCode);
        lead.status = LeadStatus.OPEN;
        lead.firstEventId = event.id;
        lead.workersSeen = 1;
        lead.foundAt = now();
        lead.persist();
        outbox.record(LeadEvents.AGGREGATE, lead.id, "EnterpriseLeadFound", new LeadEvents.EnterpriseLeadFound(lead.id,
                lead.creditCode, lead.enterpriseId, lead.name, lead.orgId, lead.orgPath, lead.gridCode, event.id, lead.foundAt));
        return Optional.of(lead);
    }

    /**
     * Sign-up batches at different events meet on the leads of their employers: they take turns per lead, so a second
     * batch fails neither on the lead's unique credit code nor on its version. A batch takes all its employers' turns
     * first, in one order, so two batches never wait on each other in a circle. Re-entrant within the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void takeTurns(Collection<String> creditCodes) {
        for (String code : new TreeSet<>(creditCodes)) {
            EnterpriseLead.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('outreach-lead'), hashtext(?1))")
                    .setParameter(1, code).getSingleResult();
        }
    }

    /**
     * dues held union funds from a firm the union has not registered (CollectionSuspended): the firm becomes a lead (or
     * an existing lead records the money), placed in the org its credit code's registration division is mapped to,
     * else at the suspense org. A firm that has a union, or is registered by now, gets no new lead. Once per collection.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moneySuspended(CollectionSuspended e) {
        String code = e.creditCode();
        Optional<KnownEnterprise> known = KnownEnterprise.byCreditCode(code);
        takeTurns(List.of(code));
        EnterpriseLead lead = EnterpriseLead.find("creditCode", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (lead == null) {
            if (known.isPresent()) {
                return; // registered meanwhile: dues reassigns the money, the register's own targets take over
            }
            List<?> division = EnterpriseLead.getEntityManager().createNativeQuery("select org_id, cast(org_path as text)"
                    + " from division_org where division_code = ?1").setParameter(1, code.substring(2, 8)).getResultList();
            lead = new EnterpriseLead();
            lead.creditCode = code;
            lead.orgId = division.isEmpty() ? e.suspenseOrgId() : ((Number) ((Object[]) division.getFirst())[0]).longValue();
            lead.orgPath = division.isEmpty() ? e.suspenseOrgPath() : (String) ((Object[]) division.getFirst())[1];
            lead.status = LeadStatus.OPEN;
            lead.source = EnterpriseLead.SOURCE_SUSPENSE;
            lead.workersSeen = 0;
            lead.foundAt = now();
            lead.persist();
        }
        EnterpriseLead.getEntityManager().createNativeQuery("insert into lead_suspended_collection (collection_id, lead_id,"
                        + " period, amount_fen, seen_at) values (?1, ?2, ?3, ?4, ?5) on conflict (collection_id) do nothing")
                .setParameter(1, e.collectionId()).setParameter(2, lead.id).setParameter(3, e.period().toString())
                .setParameter(4, Money.parse("amount", e.amount())).setParameter(5, now()).executeUpdate();
    }

    /** A lead as the API shows it, with the union funds held in suspense for it. */
    public LeadDtos.LeadView view(EnterpriseLead lead) {
        long suspended = ((Number) EnterpriseLead.getEntityManager().createNativeQuery("select coalesce(sum(amount_fen), 0)"
                + " from lead_suspended_collection where lead_id = ?1").setParameter(1, lead.id).getSingleResult()).longValue();
        return LeadDtos.LeadView.of(lead, suspended);
    }

    /** membership reported the founding: the lead closes as FOUNDED and the event where it was found is credited. */
    void unionFounded(@Observes UnionFoundedSeen founded) {
        EnterpriseLead lead = EnterpriseLead.find("creditCode", founded.creditCode()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (lead == null || lead.status == LeadStatus.FOUNDED) {
            return;
        }
        lead.status = LeadStatus.FOUNDED;
        lead.foundedAt = founded.foundedAt();
        lead.unionOrgId = founded.unionOrgId();
        lead.creditedEventId = lead.firstEventId;
    }

    public EnterpriseLead get(long id) {
        EnterpriseLead l = EnterpriseLead.findById(id);
        if (l == null) {
            throw ApiException.notFound("lead", id);
        }
        scopes.get().requireCovers(l.orgPath);
        return l;
    }

    @Transactional
    public EnterpriseLead followUp(long id, LeadDtos.FollowUp request) {
        EnterpriseLead l = EnterpriseLead.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (l == null) {
            throw ApiException.notFound("lead", id);
        }
        scopes.get().requireCovers(l.orgPath);
        if (!l.status.canFollowUpTo(request.status())) {
            throw ApiException.unprocessable("lead-transition", "a lead that is " + l.status + " cannot become " + request.status()
                    + (request.status() == LeadStatus.FOUNDED ? " by hand: it closes when membership reports the union founded" : ""));
        }
        l.status = request.status();
        l.note = request.note();
        l.followedUpAt = now();
        l.followedUpBy = scopes.get().username();
        return l;
    }

    public Page<EnterpriseLead> list(Long orgId, String status, PageRequest page) {
        String root = scopes.get().subtree(orgId);
        StringBuilder where = new StringBuilder("from enterprise_lead where org_path <@ cast(:root as ltree)");
        Map<String, Object> params = new HashMap<>();
        params.put("root", root);
        if (status != null && !status.isBlank()) {
            try {
                params.put("status", LeadStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "must be one of OPEN, CONTACTED, PREPARING, STALLED, FOUNDED");
            }
            where.append(" and status = :status");
        }
        return NativePage.of(EnterpriseLead.getEntityManager(), where.toString(), "id", "workers_seen desc, id", params, page,
                EnterpriseLead.class);
    }

    OffsetDateTime now() {
        return time.now();
    }
}
