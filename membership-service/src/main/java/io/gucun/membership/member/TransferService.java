package io.gucun.membership.member;

import io.gucun.common.api.NativePage;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.membership.enterprise.MemberCustody;
import io.gucun.events.membership.LeaveReason;
import io.gucun.events.membership.MemberEvents;
import io.gucun.membership.card.CardService;
import io.gucun.membership.org.UnionOrg;
import io.gucun.membership.workforce.Workforce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Transfers of a membership between orgs (with history) and leaving. */
@ApplicationScoped
public class TransferService implements MemberCustody {

    @Inject
    Outbox outbox;

    @Inject
    MemberCards cards;

    @Inject
    CallerScope caller;

    @Inject
    MemberAccess access;

    @Inject
    JoiningService joining;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @Inject
    Workforce workforce;

    /** Requested by the member themself or an officer of the member's current org. */
    @Transactional
    public MembershipTransfer request(long memberId, MemberDtos.NewTransfer request) {
        Member m = access.visibleForUpdate(memberId);
        access.requireManage(m);
        if (!m.status.holdsMembership()) {
            throw notAMember(m);
        }
        MembershipTransfer pending = MembershipTransfer.find("memberId = ?1 and status = ?2", m.id, TransferStatus.PENDING)
                .firstResult();
        if (pending != null) {
            throw ApiException.conflict("transfer-pending", "member " + m.id + " already has a pending transfer",
                    Map.of("transferId", pending.id));
        }
        UnionOrg to = UnionOrg.findById(request.toOrgId());
        JoinRules.requireJoinable(to, request.toOrgId(), "toOrgId");
        if (to.id.equals(m.orgId)) {
            throw ApiException.invalid("toOrgId", "is the member's current organization");
        }
        MembershipTransfer t = new MembershipTransfer();
        t.memberId = m.id;
        t.fromOrgId = m.orgId;
        t.toOrgId = to.id;
        t.status = TransferStatus.PENDING;
        t.reason = request.reason().trim();
        t.requestedAt = time.now();
        t.requestedBy = caller.username();
        t.persist();
        em.flush();
        return t;
    }

    private static ApiException notAMember(Member m) {
        return ApiException.conflict("not-a-member", "member " + m.id + " holds no membership (status " + m.status + ")",
                Map.of("currentStatus", m.status.name()));
    }

    /** An officer of the receiving org accepts: the old period closes, a new one opens, MemberTransferred. */
    @Transactional
    public MembershipTransfer accept(long transferId, String reason) {
        MembershipTransfer t = lock(transferId);
        UnionOrg to = UnionOrg.findById(t.toOrgId);
        caller.requireCovers(to.path);
        t.status = t.status.decide(TransferStatus.ACCEPTED);
        JoinRules.requireJoinable(to, t.toOrgId, "toOrgId");
        Member m = em.find(Member.class, t.memberId, LockModeType.PESSIMISTIC_WRITE);
        if (!m.status.holdsMembership() || !t.fromOrgId.equals(m.orgId)) {
            throw ApiException.conflict("member-moved", "member " + m.id + " is no longer a member of organization "
                    + t.fromOrgId, null);
        }
        OffsetDateTime now = time.now();
        closeOpenPeriod(m, now, MembershipPeriod.Reason.TRANSFER_OUT, null);
        em.flush(); // the old period closes before the new one opens: at most one open period per member
        MembershipPeriod next = new MembershipPeriod();
        next.memberId = m.id;
        next.orgId = to.id;
        next.startedAt = now;
        next.startReason = MembershipPeriod.Reason.TRANSFER_IN;
        next.persist();
        m.orgId = to.id;
        m.lastActiveOn = time.dayOf(now);
        t.decision = DecisionRecord.of(caller.username(), now, reason);
        outbox.record(MemberEvents.AGGREGATE, m.id, "MemberTransferred",
                new MemberEvents.MemberTransferred(m.id, t.fromOrgId, to.id, to.path, now, "TRANSFER",
                        m.idNumberHash, m.idNumberHashVersion));
        workforce.followMembership(m.id, to.path, time.dayOf(now), "MEMBER_TRANSFERRED: to organization " + to.id
                + " (transfer " + t.id + ")");
        em.flush();
        return t;
    }

    @Transactional
    public MembershipTransfer reject(long transferId, String reason) {
        MembershipTransfer t = lock(transferId);
        UnionOrg to = UnionOrg.findById(t.toOrgId);
        caller.requireCovers(to.path);
        String why = DecisionRecord.required(reason, "reject a transfer");
        t.status = t.status.decide(TransferStatus.REJECTED);
        t.decision = DecisionRecord.of(caller.username(), time.now(), why);
        em.flush();
        return t;
    }

    /** The requesting side (the member or an officer of the sending org) takes the request back. */
    @Transactional
    public MembershipTransfer cancel(long transferId) {
        MembershipTransfer t = lock(transferId);
        if (!visible(t)) {
            throw ApiException.notFound("transfer", transferId);
        }
        Member m = Member.findById(t.memberId);
        UnionOrg from = UnionOrg.findById(t.fromOrgId);
        if (!access.isSelf(m) && !(access.isOfficerOrAdmin() && caller.covers(from.path))) {
            throw ApiException.forbidden("only the member or an officer of the sending organization may cancel a transfer");
        }
        t.status = t.status.decide(TransferStatus.CANCELLED);
        t.decision = DecisionRecord.of(caller.username(), time.now(), null);
        em.flush();
        return t;
    }

    private MembershipTransfer lock(long id) {
        MembershipTransfer t = em.find(MembershipTransfer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            throw ApiException.notFound("transfer", id);
        }
        return t;
    }

    /** Both sides see a transfer, before and after the decision; so does the member. */
    private boolean visible(MembershipTransfer t) {
        if (caller.isAdmin()) {
            return true;
        }
        if (access.isOfficerOrAdmin()) {
            UnionOrg from = UnionOrg.findById(t.fromOrgId);
            UnionOrg to = UnionOrg.findById(t.toOrgId);
            if (caller.covers(from.path) || caller.covers(to.path)) {
                return true;
            }
        }
        return access.isSelf(Member.findById(t.memberId));
    }

    public MembershipTransfer get(long id) {
        MembershipTransfer t = MembershipTransfer.findById(id);
        if (t == null || !visible(t)) {
            throw ApiException.notFound("transfer", id);
        }
        return t;
    }

    public List<MembershipTransfer> ofMember(long memberId) {
        access.visible(memberId);
        return MembershipTransfer.list("memberId = ?1 order by requestedAt desc, id desc", memberId);
    }

    /** Transfers into or out of the subtree of {@code orgId} (or the caller's scope). */
    public Page<MembershipTransfer> list(Long orgId, String status, PageRequest page) {
        TransferStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = TransferStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "must be one of PENDING, ACCEPTED, REJECTED, CANCELLED");
            }
        }
        String path = joining.scopePath(orgId);
        StringBuilder where = new StringBuilder(" from membership_transfer t join union_org f on f.id = t.from_org_id"
                + " join union_org o on o.id = t.to_org_id where true");
        Map<String, Object> params = new HashMap<>();
        if (path != null) {
            where.append(" and (o.path <@ cast(:path as ltree) or f.path <@ cast(:path as ltree))");
            params.put("path", path);
        }
        if (wanted != null) {
            where.append(" and t.status = :status");
            params.put("status", wanted.name());
        }
        return NativePage.of(em, where.toString(), "t.id", "t.id desc", params, page, MembershipTransfer.class);
    }

    /** Ends a membership (the member themself or an officer of their org); a pending transfer is cancelled with it. */
    @Transactional
    public Member leave(long memberId, MemberDtos.Leave request) {
        Member m = access.visibleForUpdate(memberId);
        access.requireManage(m);
        if (!m.status.holdsMembership()) {
            throw notAMember(m);
        }
        if (request.reason() == LeaveReason.LAPSED) {
            throw ApiException.invalid("reason", "LAPSED is set by a lapse run, not requested");
        }
        String note = request.reason().name()
                + (request.note() == null || request.note().isBlank() ? "" : ": " + request.note().trim());
        end(m, request.reason(), MembershipPeriod.Reason.LEFT, note, time.now());
        em.flush();
        return m;
    }

    /** Ends the (locked) member's membership: history, pending transfers, card, MemberLeft. */
    @Transactional(Transactional.TxType.MANDATORY)
    void end(Member m, LeaveReason reason, MembershipPeriod.Reason periodReason, String note, OffsetDateTime now) {
        closeOpenPeriod(m, now, periodReason, note);
        List<MembershipTransfer> pending = MembershipTransfer.list("memberId = ?1 and status = ?2", m.id, TransferStatus.PENDING);
        for (MembershipTransfer t : pending) {
            t.status = t.status.decide(TransferStatus.CANCELLED);
            t.decision = DecisionRecord.of(caller.username(), now, "the membership ended");
        }
        m.status = MemberStatus.LEFT;
        cards.closeOnLeave(m, "the membership ended: " + note);
        outbox.record(MemberEvents.AGGREGATE, m.id, "MemberLeft", new MemberEvents.MemberLeft(m.id, m.orgId, reason, now,
                m.idNumberHash, m.idNumberHashVersion));
        workforce.followMembership(m.id, null, time.dayOf(now), "MEMBER_LEFT: " + reason.name());
    }

    /**
     * The employer closed (the caller closes its union {@code from} in the same transaction): every active member of
     * {@code from} keeps their membership, now held by {@code upper} (会籍由上级工会代管), with the history period
     * and MemberTransferred(reason EMPLOYER_CLOSED). Pending transfers out of {@code from} are cancelled, transfers
     * and applications into it are rejected, each with {@code why}.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Custody holdByUpperUnion(UnionOrg from, UnionOrg upper, OffsetDateTime at, String why) {
        List<Member> members = em.createQuery("from Member where orgId = :org and status = :active order by id", Member.class)
                .setParameter("org", from.id).setParameter("active", MemberStatus.ACTIVE)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Member m : members) {
            closeOpenPeriod(m, at, MembershipPeriod.Reason.EMPLOYER_CLOSED, why);
            em.flush(); // at most one open period per member
            MembershipPeriod held = new MembershipPeriod();
            held.memberId = m.id;
            held.orgId = upper.id;
            held.startedAt = at;
            held.startReason = MembershipPeriod.Reason.HELD_BY_UPPER_UNION;
            held.persist();
            m.orgId = upper.id;
            outbox.record(MemberEvents.AGGREGATE, m.id, "MemberTransferred",
                    new MemberEvents.MemberTransferred(m.id, from.id, upper.id, upper.path, at, "EMPLOYER_CLOSED",
                            m.idNumberHash, m.idNumberHashVersion));
            workforce.followMembership(m.id, upper.path, time.dayOf(at), "MEMBER_TRANSFERRED: EMPLOYER_CLOSED, "
                    + "membership held by organization " + upper.id);
        }
        int transfers = 0;
        for (MembershipTransfer t : MembershipTransfer.<MembershipTransfer>list(
                "status = ?1 and (fromOrgId = ?2 or toOrgId = ?2)", TransferStatus.PENDING, from.id)) {
            t.status = t.status.decide(t.toOrgId.equals(from.id) ? TransferStatus.REJECTED : TransferStatus.CANCELLED);
            t.decision = DecisionRecord.of(caller.username(), at, why);
            transfers++;
        }
        int applications = 0;
        for (MembershipApplication a : MembershipApplication.<MembershipApplication>list("status = ?1 and orgId = ?2",
                ApplicationStatus.PENDING, from.id)) {
            a.status = a.status.decide(ApplicationStatus.REJECTED);
            a.decision = DecisionRecord.of(caller.username(), at, why);
            applications++;
        }
        em.flush();
        return new Custody(members.size(), transfers, applications);
    }

    private void closeOpenPeriod(Member m, OffsetDateTime at, MembershipPeriod.Reason reason, String note) {
        MembershipPeriod open = MembershipPeriod.find("memberId = ?1 and endedAt is null", m.id).firstResult();
        if (open != null) {
            open.endedAt = at;
            open.endReason = reason;
            open.endNote = note;
        }
    }
}
