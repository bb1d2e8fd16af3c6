package io.gucun.dues.ledger;

import io.gucun.common.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.gucun.common.replica.OrgCreatedSeen;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

@ApplicationScoped
public class LedgerAccounts {

    @Inject
    BusinessTime time;
    /** A new org in the tree gets its accounts in the transaction that records it (membership's OrgCreated). */
    void orgCreated(@Observes OrgCreatedSeen org) {
        openFor(org.orgId());
    }

    /** Opens the org's accounts that do not exist yet; safe to call again. Returns how many were opened. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int openFor(long orgId) {
        Set<AccountPurpose> missing = EnumSet.allOf(AccountPurpose.class);
        LedgerAccount.ofOrg(orgId).forEach(a -> missing.remove(a.purpose));
        OffsetDateTime now = time.now();
        for (AccountPurpose purpose : missing) {
            LedgerAccount account = new LedgerAccount();
            account.orgId = orgId;
            account.purpose = purpose;
            account.currency = io.gucun.common.money.Money.CURRENCY;
            account.openedAt = now;
            account.persist();
        }
        return missing.size();
    }
}
