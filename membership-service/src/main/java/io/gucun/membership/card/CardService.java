package io.gucun.membership.card;

import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.CardEvents;
import io.gucun.events.membership.CardStatus;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberAccess;
import io.gucun.membership.member.MemberCards;
import io.gucun.membership.member.MemberStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Issuing service cards and moving them through {@link CardLifecycle}. Who may see a card: admins, the member
 * themself, officers whose scope covers the member's current (or last) org; anyone else gets 404.
 */
@ApplicationScoped
public class CardService implements MemberCards {

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    MemberAccess access;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void issueOnAdmission(Member m, long orgId, String reason) {
        if (liveCard(m.id) == null) {
            issue(m, orgId, null, reason);
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeOnLeave(Member m, String reason) {
        ServiceCard live = liveCard(m.id);
        if (live != null) {
            em.lock(live, LockModeType.PESSIMISTIC_WRITE);
            change(live, CardAction.CLOSE, reason);
        }
    }

    /** An officer issues a card to an ACTIVE member of their subtree who has no live card. */
    @Transactional
    public ServiceCard issueByOfficer(long memberId) {
        Member m = access.visibleForUpdate(memberId);
        if (!access.coversCurrentOrg(m) || !access.isOfficerOrAdmin()) {
            throw ApiException.forbidden("only an officer of the member's organization may issue a card");
        }
        if (m.status != MemberStatus.ACTIVE) {
            throw ApiException.unprocessable("member-not-active", "member " + m.id + " is " + m.status
                    + "; cards are issued only to ACTIVE members");
        }
        ServiceCard live = liveCard(m.id);
        if (live != null) {
            throw ApiException.conflict("card-already-live", "member " + m.id + " already holds a live card ("
                    + live.status + "); report it lost or replace it instead", Map.of("cardId", live.id));
        }
        ServiceCard c = issue(m, m.orgId, null, "issued by an officer");
        em.flush();
        return c;
    }

    private ServiceCard issue(Member m, long orgId, Long replaces, String reason) {
        long seq = ((Number) em.createNativeQuery("select nextval('service_card_number_seq')").getSingleResult()).longValue();
        OffsetDateTime now = time.now();
        ServiceCard c = newCard(m, orgId, seq, replaces, reason, caller.username(), now);
        c.persist();
        em.flush();
        history(c.id, null, CardStatus.ISSUED, reason, now);
        outbox.record(CardEvents.AGGREGATE, c.id, "CardIssued", issued(c));
        return c;
    }

    /**
     * A card ISSUED to {@code m}, numbered from {@code sequence} (a value of {@code service_card_number_seq}), not yet
     * persisted. Shared by issuing one card and issuing a roster's cards in a batch.
     */
    public static ServiceCard newCard(Member m, long orgId, long sequence, Long replaces, String reason, String by,
                                      OffsetDateTime at) {
        ServiceCard c = new ServiceCard();
        c.memberId = m.id;
        c.orgId = orgId;
        c.number = CardNumbers.compose(orgId, sequence);
        c.status = CardStatus.ISSUED;
        c.statusReason = reason;
        c.issuedAt = at;
        c.issuedBy = by;
        c.replacesCardId = replaces;
        return c;
    }

    /** The CardIssued payload of a card just stored (the number masked). */
    public static CardEvents.CardIssued issued(ServiceCard c) {
        return new CardEvents.CardIssued(c.id, c.memberId, CardNumbers.masked(c.number), c.orgId, c.replacesCardId);
    }

    private void history(long cardId, CardStatus from, CardStatus to, String reason, OffsetDateTime at) {
        CardStatusChange h = new CardStatusChange();
        h.cardId = cardId;
        h.fromStatus = from;
        h.toStatus = to;
        h.reason = reason;
        h.changedAt = at;
        h.changedBy = caller.username();
        h.persist();
    }

    private void change(ServiceCard c, CardAction action, String reason) {
        CardStatus from = c.status;
        CardStatus to = CardLifecycle.next(from, action);
        c.status = to;
        c.statusReason = reason;
        history(c.id, from, to, reason, time.now());
        outbox.record(CardEvents.AGGREGATE, c.id, "CardStatusChanged",
                new CardEvents.CardStatusChanged(c.id, c.memberId, from, to, reason));
    }

    ServiceCard liveCard(long memberId) {
        return ServiceCard.find("memberId = ?1 and status in ?2", memberId,
                List.of(CardStatus.ISSUED, CardStatus.ACTIVE, CardStatus.FROZEN)).firstResult();
    }

    /** The card named by its id or its 19-digit number, if the caller may see it; else 404. */
    public ServiceCard visible(String ref) {
        return visible(ref, false);
    }

    /** Like {@link #visible(String)}, with the card row locked for this transaction. */
    public ServiceCard visibleForUpdate(String ref) {
        return visible(ref, true);
    }

    private ServiceCard visible(String ref, boolean lock) {
        ServiceCard c = null;
        Long id = null;
        if (ref != null && ref.length() == CardNumbers.LENGTH && ref.chars().allMatch(Character::isDigit)) {
            c = ServiceCard.find("number", ref).firstResult();
            id = c == null ? null : c.id;
        } else {
            try {
                id = Long.parseLong(ref);
            } catch (NumberFormatException e) {
                id = null;
            }
        }
        if (id != null) {
            c = lock ? em.find(ServiceCard.class, id, LockModeType.PESSIMISTIC_WRITE) : ServiceCard.findById(id);
        }
        if (c == null || !canSee(c)) {
            throw ApiException.notFound("card", ref);
        }
        return c;
    }

    public boolean canSee(ServiceCard c) {
        if (caller.isAdmin()) {
            return true;
        }
        Member m = Member.findById(c.memberId);
        return access.isSelf(m) || access.coversCurrentOrg(m);
    }

    /** Whether the caller is the card's holder (who alone sees the full number). */
    public boolean isHolder(ServiceCard c) {
        return access.isSelf(Member.findById(c.memberId));
    }

    public List<ServiceCard> ofMember(long memberId) {
        Member m = access.visible(memberId);
        if (!caller.isAdmin() && !access.isSelf(m) && !access.coversCurrentOrg(m)) {
            throw ApiException.notFound("member", memberId);
        }
        return ServiceCard.list("memberId = ?1 order by issuedAt desc, id desc", memberId);
    }

    public List<CardStatusChange> history(String ref) {
        ServiceCard c = visible(ref);
        return CardStatusChange.list("cardId = ?1 order by changedAt, id", c.id);
    }

    /** The member themself or an officer. */
    @Transactional
    public ServiceCard activate(String ref) {
        ServiceCard c = visibleForUpdate(ref);
        change(c, CardAction.ACTIVATE, "activated");
        em.flush();
        return c;
    }

    /** Officers only, with a reason. */
    @Transactional
    public ServiceCard freeze(String ref, String reason) {
        ServiceCard c = visibleForUpdate(ref);
        requireOfficer(c, "freeze");
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "is required to freeze a card");
        }
        change(c, CardAction.FREEZE, reason.trim());
        em.flush();
        return c;
    }

    @Transactional
    public ServiceCard unfreeze(String ref, String reason) {
        ServiceCard c = visibleForUpdate(ref);
        requireOfficer(c, "unfreeze");
        change(c, CardAction.UNFREEZE, blankTo(reason, "unfrozen"));
        em.flush();
        return c;
    }

    @Transactional
    public ServiceCard reportLost(String ref, String reason) {
        ServiceCard c = visibleForUpdate(ref);
        change(c, CardAction.REPORT_LOST, blankTo(reason, "reported lost"));
        em.flush();
        return c;
    }

    /** The old card becomes REPLACED (its number dead for good); a new card is ISSUED to the same member. */
    @Transactional
    public ServiceCard replace(String ref, String reason) {
        ServiceCard old = visibleForUpdate(ref);
        Member m = em.find(Member.class, old.memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m.status != MemberStatus.ACTIVE) {
            throw ApiException.unprocessable("member-not-active", "member " + m.id + " is " + m.status
                    + "; only an ACTIVE member's card can be replaced");
        }
        String why = blankTo(reason, "replaced");
        change(old, CardAction.REPLACE, why);
        em.flush(); // the old card must stop being live before the new one is inserted (one live card per member)
        ServiceCard fresh = issue(m, m.orgId, old.id, "replaces card " + old.id + ": " + why);
        em.flush();
        return fresh;
    }

    private void requireOfficer(ServiceCard c, String what) {
        Member m = Member.findById(c.memberId);
        if (!access.isOfficerOrAdmin() || !access.coversCurrentOrg(m)) {
            throw ApiException.forbidden("only an officer of the member's organization may " + what + " a card");
        }
    }

    private static String blankTo(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim();
    }

    /** The caller's own member record (through their login), or 404. */
    public Member me() {
        String subject = caller.subject().orElse(null);
        Member m = subject == null ? null : Member.find("accountSubject", subject).firstResult();
        if (m == null) {
            throw new ApiException(404, "not-found", "Not found", "no member record is linked to your login", null, null);
        }
        return m;
    }

    /** The caller's live card, else their latest card, else 404. */
    public ServiceCard myCard() {
        Member m = me();
        ServiceCard c = liveCard(m.id);
        if (c == null) {
            c = ServiceCard.find("memberId = ?1 order by issuedAt desc, id desc", m.id).firstResult();
        }
        if (c == null) {
            throw new ApiException(404, "not-found", "Not found", "you hold no service card", null, null);
        }
        return c;
    }
}
