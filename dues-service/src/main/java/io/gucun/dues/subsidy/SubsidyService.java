package io.gucun.dues.subsidy;

import io.gucun.common.money.Money;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.gucun.events.dues.SubsidyEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Pays the recruitment subsidy for a member, once per member whatever happens to the events. */
@ApplicationScoped
public class SubsidyService {

    private static final Logger LOG = Logger.getLogger(SubsidyService.class);

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Returns true when a subsidy was posted now; false for a member subsidised before (or with nobody to pay). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean memberJoined(long memberId, long orgId, String orgPath, OffsetDateTime joinedAt) {
        if (!em.createNativeQuery("select 1 from subsidy_grant where member_id = ?1").setParameter(1, memberId)
                .getResultList().isEmpty()) {
            return false;
        }
        KnownOrg org = KnownOrg.findById(orgId);
        String path = org != null ? org.path : orgPath;
        List<KnownOrg> chain = Orgs.ancestorsOrSelf(path);
        LocalDate day = LocalDate.ofInstant(joinedAt.toInstant(), clock.getZone());
        SubsidyRules.Policy policy = SubsidyRules.inForce(policies(), day).orElse(null);
        if (policy == null) {
            LOG.warnf("no subsidy policy in force on %s; member %d gets none", day, memberId);
            return false;
        }
        List<SubsidyRules.Payment> payments = SubsidyRules.payments(chain, policy);
        if (payments.isEmpty()) {
            LOG.infof("no district or town union above org %d; member %d gets no subsidy", orgId, memberId);
            return false;
        }
        Period period = ledger.openOrCurrent(Period.of(day), clock);
        Ledger.Posted entry = ledger.postOne(Postings.subsidy(orgId, SubsidyRules.payers(payments), period,
                        "subsidy:member:" + memberId, "subsidy for member " + memberId + " recruited by org " + orgId), "dues-service")
                .orElse(null);
        if (entry == null) {
            return false;
        }
        long district = payments.stream().filter(p -> p.level().equals("DISTRICT")).mapToLong(SubsidyRules.Payment::fen).sum();
        long town = payments.stream().filter(p -> p.level().equals("TOWN")).mapToLong(SubsidyRules.Payment::fen).sum();
        Long districtOrg = payments.stream().filter(p -> p.level().equals("DISTRICT")).map(SubsidyRules.Payment::orgId).findFirst().orElse(null);
        Long townOrg = payments.stream().filter(p -> p.level().equals("TOWN")).map(SubsidyRules.Payment::orgId).findFirst().orElse(null);
        em.createNativeQuery("insert into subsidy_grant (member_id, org_id, joined_at, period, policy_id, district_org_id,"
                        + " district_fen, town_org_id, town_fen, journal_entry_id, granted_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, memberId).setParameter(2, orgId).setParameter(3, joinedAt).setParameter(4, period.toString())
                .setParameter(5, policy.id()).setParameter(6, districtOrg).setParameter(7, district).setParameter(8, townOrg)
                .setParameter(9, town).setParameter(10, entry.entryId()).setParameter(11, Instant.now(clock)).executeUpdate();
        outbox.record(SubsidyEvents.AGGREGATE, memberId, "SubsidyPosted", new SubsidyEvents.SubsidyPosted(memberId, orgId,
                period.month(), policy.version(), payments.stream()
                        .map(p -> new SubsidyEvents.SubsidyPosted.Payer(p.level(), p.orgId(), Money.format(p.fen()))).toList(),
                Money.format(district + town), Money.CURRENCY, entry.entryId(), entry.transactionId()));
        return true;
    }

    /**
     * Adds the next policy version; the table lock numbers versions without gaps, one writer at a time. Returns the
     * version.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int addPolicy(LocalDate validFrom, long districtFen, long townFen, String note, String createdBy) {
        em.createNativeQuery("lock table subsidy_policy in share row exclusive mode").executeUpdate();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from subsidy_policy").getSingleResult()).intValue();
        em.createNativeQuery("insert into subsidy_policy (version, valid_from, district_fen, town_fen, note, created_at, created_by)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, version).setParameter(2, validFrom)
                .setParameter(3, districtFen).setParameter(4, townFen).setParameter(5, note).setParameter(6, Instant.now(clock))
                .setParameter(7, createdBy).executeUpdate();
        return version;
    }

    @SuppressWarnings("unchecked")
    public List<SubsidyRules.Policy> policies() {
        List<Object[]> rows = em.createNativeQuery("select id, version, valid_from, district_fen, town_fen from subsidy_policy"
                + " order by version").getResultList();
        return rows.stream().map(r -> new SubsidyRules.Policy(((Number) r[0]).longValue(), ((Number) r[1]).intValue(),
                r[2] instanceof LocalDate d ? d : ((java.sql.Date) r[2]).toLocalDate(), ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue())).toList();
    }

    public Optional<SubsidyRules.Policy> policy(int version) {
        return policies().stream().filter(p -> p.version() == version).findFirst();
    }
}
