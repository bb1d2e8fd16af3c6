package io.gucun.dues.ledger;

import io.gucun.common.money.Money;
import io.gucun.common.replica.OrgCreatedSeen;
import io.gucun.common.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.stream.Collectors;

@ApplicationScoped
public class LedgerAccounts {

    @Inject
    BusinessTime time;

    @Inject
    EntityManager em;

    /** A new org in the tree gets its accounts in the transaction that records it (membership's OrgCreated). */
    void orgCreated(@Observes OrgCreatedSeen org) {
        openFor(org.orgId());
    }

    /**
     * Opens the org's accounts that do not exist yet; safe to call again. Returns how many were opened. The insert skips
     * accounts that exist: OrgCreated and UnionFounded arrive on two topics, consumed at once, and a posting to the new
     * union (its held share, its start-up grant) opens its accounts too; a read-then-insert here lost that race to a
     * unique violation and dead-lettered the OrgCreated.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int openFor(long orgId) {
        return em.createNativeQuery("insert into ledger_account (org_id, purpose, currency, opened_at)"
                        + " select ?1, p, ?2, ?3 from unnest(cast(?4 as varchar[])) p on conflict (org_id, purpose) do nothing")
                .setParameter(1, orgId).setParameter(2, Money.CURRENCY).setParameter(3, time.now())
                .setParameter(4, Arrays.stream(AccountPurpose.values()).map(Enum::name).collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
    }
}
