package io.gucun.dues.benefit;

import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Spending on members: benefit redemptions (valued per benefit) and spending recorded by officers. */
@ApplicationScoped
public class BenefitSpending {

    private static final Logger LOG = Logger.getLogger(BenefitSpending.class);

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    CallerScope caller;

    @Inject
    Orgs orgs;

    @Inject
    Clock clock;

    /** A redemption, once: posted at the card's org when the benefit has a value, else kept as unpriced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void redeemed(long redemptionId, long benefitId, long cardId, long memberId, String kind, OffsetDateTime at) {
        @SuppressWarnings("unchecked")
        List<Number> org = em.createNativeQuery("select org_id from known_card where card_id = ?1").setParameter(1, cardId).getResultList();
        @SuppressWarnings("unchecked")
        List<Number> value = em.createNativeQuery("select amount_fen from benefit_value where benefit_id = ?1")
                .setParameter(1, benefitId).getResultList();
        Period period = ledger.openOrCurrent(Period.of(LocalDate.ofInstant(at.toInstant(), clock.getZone())), clock);
        Long orgId = org.isEmpty() ? null : org.getFirst().longValue();
        Long fen = value.isEmpty() ? null : value.getFirst().longValue();
        int inserted = em.createNativeQuery("insert into benefit_redemption (redemption_id, benefit_id, card_id, member_id, kind,"
                        + " org_id, redeemed_at, period, amount_fen) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                        + " on conflict (redemption_id) do nothing")
                .setParameter(1, redemptionId).setParameter(2, benefitId).setParameter(3, cardId).setParameter(4, memberId)
                .setParameter(5, kind).setParameter(6, orgId).setParameter(7, at).setParameter(8, period.toString())
                .setParameter(9, fen).executeUpdate();
        if (inserted == 1 && orgId != null && fen != null && fen > 0 && !covers(orgId, fen)) {
            // A union cannot spend cash it does not hold (the ledger refuses it); the redemption stays recorded with its
            // value and without an entry, instead of failing the event over and over.
            LOG.warnf("redemption %d not posted: org %d holds less cash than its value", redemptionId, orgId);
            return;
        }
        if (inserted == 1 && orgId != null && fen != null && fen > 0) {
            ledger.postOne(Postings.benefitSpending(orgId, period, fen, "redemption:" + redemptionId,
                    kind + " benefit " + benefitId + " redeemed (redemption " + redemptionId + ")"), "dues-service")
                    .ifPresent(p -> em.createNativeQuery("update benefit_redemption set journal_entry_id = ?1 where redemption_id = ?2")
                            .setParameter(1, p.entryId()).setParameter(2, redemptionId).executeUpdate());
        }
    }

    private boolean covers(long orgId, long fen) {
        List<?> cash = em.createNativeQuery("select balance_fen from ledger_account where org_id = ?1 and purpose = 'CASH'")
                .setParameter(1, orgId).getResultList();
        return !cash.isEmpty() && ((Number) cash.getFirst()).longValue() >= fen;
    }

    /** Spending recorded by an officer (a project for members), once per reference. Returns the entry id and whether it is new. */
    @Transactional
    public Recorded record(long orgId, String rawPeriod, String amount, String description, String reference) {
        KnownOrg org = orgs.visible(orgId);
        Period period = Period.parse("period", rawPeriod, clock);
        long fen = Money.parsePositive("amount", amount);
        String ref = "spending:" + org.id + ":" + reference.trim();
        if (ref.length() > 200) {
            throw ApiException.invalid("reference", "is too long");
        }
        Optional<Ledger.Posted> posted = ledger.postOne(Postings.benefitSpending(org.id, period, fen, ref, description),
                caller.username());
        long id = posted.map(Ledger.Posted::entryId).orElseGet(() -> ((Number) em.createNativeQuery(
                "select id from journal_entry where source_ref = ?1").setParameter(1, ref).getSingleResult()).longValue());
        return new Recorded(id, posted.isPresent());
    }

    public record Recorded(long journalEntryId, boolean created) {
    }

    /** Sets what one use of a benefit costs (applies to redemptions seen from now on). */
    @Transactional
    public void value(long benefitId, String amount) {
        long fen = Money.parse("amount", amount);
        if (fen < 0) {
            throw ApiException.invalid("amount", "must not be negative");
        }
        em.createNativeQuery("insert into benefit_value (benefit_id, amount_fen, set_by, set_at) values (?1, ?2, ?3, ?4)"
                        + " on conflict (benefit_id) do update set amount_fen = excluded.amount_fen, set_by = excluded.set_by,"
                        + " set_at = excluded.set_at")
                .setParameter(1, benefitId).setParameter(2, fen).setParameter(3, caller.username()).setParameter(4, Instant.now(clock))
                .executeUpdate();
    }
}
