package io.gucun.membership.benefit;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.membership.card.CardLifecycle;
import io.gucun.membership.card.CardService;
import io.gucun.membership.card.ServiceCard;
import io.gucun.events.membership.BenefitKind;
import io.gucun.events.membership.CardEvents;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.membership.member.JoinPolicyTerms;
import io.gucun.membership.member.Member;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The benefits catalogue, which benefits apply to a member, and redemptions with a card. */
@ApplicationScoped
public class BenefitService {

    @Inject
    CallerScope caller;

    @Inject
    CardService cards;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    LocalDate today() {
        return time.today();
    }

    /** Officers of the offering org (or above it) and admins. */
    @Transactional
    public Benefit create(BenefitDtos.NewBenefit r) {
        UnionOrg org = UnionOrg.findById(r.orgId());
        if (org == null) {
            throw ApiException.invalid("orgId", "does not name an existing organization");
        }
        caller.requireCovers(org.path);
        if (r.validTo() != null && r.validTo().isBefore(r.validFrom())) {
            throw ApiException.invalid("validTo", "must not be before validFrom");
        }
        if (r.kind() == BenefitKind.MERCHANT && (r.merchantName() == null || r.merchantName().isBlank())) {
            throw ApiException.invalid("merchantName", "is required for a MERCHANT benefit");
        }
        List<Long> ids = r.eligibleMemberIds() == null ? List.of() : r.eligibleMemberIds();
        List<EmploymentForm> forms = r.eligibleEmploymentForms() == null ? List.of() : r.eligibleEmploymentForms();
        if (r.kind() == BenefitKind.SPECIAL && ids.isEmpty() && forms.isEmpty()) {
            throw ApiException.invalid("eligibleMemberIds",
                    "or eligibleEmploymentForms must name who qualifies for a SPECIAL benefit");
        }
        if (r.kind() != BenefitKind.SPECIAL && (!ids.isEmpty() || !forms.isEmpty())) {
            throw ApiException.invalid("kind", "must be SPECIAL to restrict eligibility; " + r.kind() + " is for every member");
        }
        Benefit b = new Benefit();
        b.orgId = org.id;
        b.kind = r.kind();
        b.title = r.title().trim();
        b.description = r.description() == null || r.description().isBlank() ? null : r.description().trim();
        b.merchantName = r.merchantName() == null || r.merchantName().isBlank() ? null : r.merchantName().trim();
        b.validFrom = r.validFrom();
        b.validTo = r.validTo();
        b.eligibleMemberIds = ids.toArray(Long[]::new);
        b.eligibleEmploymentForms = forms.stream().map(Enum::name).distinct().toArray(String[]::new);
        b.maxPerMember = r.maxPerMember();
        b.createdAt = time.now();
        b.createdBy = caller.username();
        b.persist();
        em.flush();
        return b;
    }

    /** Stops offering a benefit; its redemptions stay. Officers covering the offering org. */
    @Transactional
    public Benefit withdraw(long id, String reason) {
        Benefit b = get(id);
        b = em.find(Benefit.class, b.id, LockModeType.PESSIMISTIC_WRITE);
        if (b.withdrawnAt != null) {
            throw ApiException.conflict("benefit-withdrawn", "benefit " + b.id + " was withdrawn on " + b.withdrawnAt,
                    Map.of("withdrawnAt", b.withdrawnAt.toString()));
        }
        b.withdrawnAt = time.now();
        b.withdrawnBy = caller.username();
        b.withdrawalReason = reason.trim();
        em.flush();
        return b;
    }

    /** A benefit offered in the caller's scope (officers, admins). */
    public Benefit get(long id) {
        Benefit b = Benefit.findById(id);
        if (b == null || !caller.covers(((UnionOrg) UnionOrg.findById(b.orgId)).path)) {
            throw ApiException.notFound("benefit", id);
        }
        return b;
    }

    /** Benefits offered by orgs in the subtree of {@code orgId} (or the caller's scope). */
    @SuppressWarnings("unchecked")
    public Page<Benefit> list(Long orgId, PageRequest page) {
        String path;
        if (orgId != null) {
            UnionOrg org = UnionOrg.findById(orgId);
            if (org == null || !caller.covers(org.path)) {
                throw ApiException.notFound("organization", orgId);
            }
            path = org.path;
        } else if (caller.isAdmin()) {
            path = null;
        } else {
            path = caller.orgPath().orElseThrow(() -> ApiException.forbidden("your token names no organization scope"));
        }
        String where = " from benefit b join union_org o on o.id = b.org_id"
                + (path == null ? "" : " where o.path <@ cast(:path as ltree)");
        var count = em.createNativeQuery("select count(*)" + where);
        var items = em.createNativeQuery("select b.*" + where + " order by b.id desc", Benefit.class);
        if (path != null) {
            count.setParameter("path", path);
            items.setParameter("path", path);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<Benefit> list = items.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(list, page.page(), page.size(), total);
    }

    /** The benefits valid today, offered by the member's org or an ancestor, for which the member is eligible. */
    @SuppressWarnings("unchecked")
    public List<Benefit> applicableTo(Member m) {
        if (m.orgId == null || !m.status.holdsMembership()) {
            return List.of();
        }
        LocalDate today = today();
        List<Benefit> offered = em.createNativeQuery("""
                select b.* from benefit b join union_org bo on bo.id = b.org_id, union_org mo
                 where mo.id = :org and bo.path @> mo.path
                   and b.valid_from <= :today and (b.valid_to is null or b.valid_to >= :today)
                   and b.withdrawn_at is null
                 order by b.valid_from desc, b.id desc""", Benefit.class)
                .setParameter("org", m.orgId).setParameter("today", today).getResultList();
        return offered.stream().filter(b -> b.eligible(m.id, m.employmentForm)).toList();
    }

    private boolean offeredTo(Benefit b, Member m) {
        if (m.orgId == null) {
            return false;
        }
        Number n = (Number) em.createNativeQuery("""
                select count(*) from union_org bo, union_org mo where bo.id = :b and mo.id = :m and bo.path @> mo.path""")
                .setParameter("b", b.orgId).setParameter("m", m.orgId).getSingleResult();
        return n.longValue() > 0;
    }

    public record Outcome(Redemption redemption, boolean created) {
    }

    /**
     * Redeems a benefit with a card (the holder, an officer covering the member's org, an admin). The card row is
     * locked, so a retry with the same Idempotency-Key finds the first redemption instead of writing a second.
     */
    @Transactional
    public Outcome redeem(String cardRef, BenefitDtos.NewRedemption r, String idempotencyKey) {
        ServiceCard card = cards.visibleForUpdate(cardRef);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 100) {
            throw ApiException.invalid("Idempotency-Key", "must be at most 100 characters");
        }
        if (key != null) {
            Redemption earlier = Redemption.find("cardId = ?1 and idempotencyKey = ?2", card.id, key).firstResult();
            if (earlier != null) {
                String note = r.note() == null || r.note().isBlank() ? null : r.note().trim();
                if (!java.util.Objects.equals(earlier.benefitId, r.benefitId()) || !java.util.Objects.equals(earlier.note, note)) {
                    throw ApiException.idempotencyKeyReused();
                }
                return new Outcome(earlier, false);
            }
        }
        String unusable = CardLifecycle.whyUnusable(card.status);
        if (unusable != null) {
            throw ApiException.unprocessable("card-not-active", unusable + "; only an ACTIVE card can redeem benefits");
        }
        Benefit b = Benefit.findById(r.benefitId());
        if (b == null) {
            throw ApiException.invalid("benefitId", "does not name an existing benefit");
        }
        Member m = Member.findById(card.memberId);
        if (!offeredTo(b, m)) {
            throw ApiException.unprocessable("benefit-not-offered",
                    "benefit " + b.id + " is not offered in the member's organization tree");
        }
        if (b.withdrawnAt != null) {
            throw ApiException.unprocessable("benefit-withdrawn", "benefit " + b.id + " was withdrawn: " + b.withdrawalReason);
        }
        String invalid = BenefitRules.whyNotValid(b.validFrom, b.validTo, today());
        if (invalid != null) {
            throw ApiException.unprocessable("benefit-not-valid", invalid);
        }
        if (!b.eligible(m.id, m.employmentForm)) {
            throw ApiException.unprocessable("not-eligible", "the member is not eligible for SPECIAL benefit " + b.id
                    + ": not named in it and employment form " + m.employmentForm + " does not qualify");
        }
        if (b.maxPerMember != null) {
            // The card row is locked and a member has one usable card, so this count cannot race.
            long used = Redemption.count("memberId = ?1 and benefitId = ?2", m.id, b.id);
            if (BenefitRules.limitReached(used, b.maxPerMember)) {
                throw new ApiException(422, "benefit-limit-reached", "Rule violated", "the member has used benefit " + b.id
                        + " " + used + " time(s); the limit is " + b.maxPerMember, null,
                        Map.of("used", used, "maxPerMember", b.maxPerMember));
            }
        }
        Redemption red = new Redemption();
        red.cardId = card.id;
        red.memberId = m.id;
        red.benefitId = b.id;
        red.note = r.note() == null || r.note().isBlank() ? null : r.note().trim();
        red.idempotencyKey = key;
        red.redeemedAt = time.now();
        red.redeemedBy = caller.username();
        red.persist();
        em.flush();
        outbox.record(CardEvents.AGGREGATE, card.id, "BenefitRedeemed",
                new CardEvents.BenefitRedeemed(red.id, b.id, card.id, m.id, b.kind, red.redeemedAt));
        return new Outcome(red, true);
    }

    public List<Redemption> ofCard(String cardRef) {
        ServiceCard card = cards.visible(cardRef);
        return Redemption.list("cardId = ?1 order by redeemedAt desc, id desc", card.id);
    }

    public List<Redemption> ofMember(long memberId) {
        return Redemption.list("memberId = ?1 order by redeemedAt desc, id desc", memberId);
    }
}
