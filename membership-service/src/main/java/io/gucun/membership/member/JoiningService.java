package io.gucun.membership.member;

import io.gucun.common.api.NativePage;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.JoinVia;
import io.gucun.events.membership.MemberEvents;
import io.gucun.membership.card.CardService;
import io.gucun.membership.enterprise.EnterpriseService;
import io.gucun.membership.enterprise.UnionMatching;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applications to join, their decision by officers or by a dated join policy, and admission itself. */
@ApplicationScoped
public class JoiningService {

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    MemberAccess access;

    @Inject
    OrgService orgs;

    @Inject
    EntityManager em;

    @Inject
    MemberCards cards;

    @Inject
    EnterpriseService enterprises;

    @Inject
    BusinessTime time;

    /** Makes the member a member of {@code org}: status, current org, an open history period, MemberJoined and a service card. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admit(Member m, UnionOrg org, JoinVia via, OffsetDateTime at) {
        if (!m.status.canJoin()) {
            throw alreadyMember(m);
        }
        requireFitsEmployer(m, org);
        enter(m, org, at);
        period(m, org, via, at).persist();
        outbox.record(MemberEvents.AGGREGATE, m.id, "MemberJoined", joined(m, org, via));
        cards.issueOnAdmission(m, org.id, cardReason(via));
    }

    /** Why the card issued on admission was issued (its first status change). */
    public static String cardReason(JoinVia via) {
        return "issued on admission (" + via + ")";
    }

    /** What admission makes of the member record: ACTIVE in {@code org} from {@code at}. Shared with roster registration. */
    public void enter(Member m, UnionOrg org, OffsetDateTime at) {
        m.status = MemberStatus.ACTIVE;
        m.orgId = org.id;
        m.joinedAt = at;
        m.lastActiveOn = time.dayOf(at);
    }

    /** The history period admission opens (not persisted); the member must have its id. */
    public static MembershipPeriod period(Member m, UnionOrg org, JoinVia via, OffsetDateTime at) {
        MembershipPeriod period = new MembershipPeriod();
        period.memberId = m.id;
        period.orgId = org.id;
        period.startedAt = at;
        period.startReason = MembershipPeriod.Reason.valueOf(via.name());
        return period;
    }

    /** The MemberJoined payload of an admission ({@link #enter} applied). */
    public static MemberEvents.MemberJoined joined(Member m, UnionOrg org, JoinVia via) {
        return new MemberEvents.MemberJoined(m.id, org.id, org.path, m.joinedAt, via, m.idNumberHash, m.idNumberHashVersion);
    }

    /** 422 when the worker's employer has its own union and {@code org} is another one. */
    public void requireFitsEmployer(Member m, UnionOrg org) {
        Long employerUnion = enterprises.activeUnionOf(m.employerCreditCode);
        if (!UnionMatching.fitsEmployer(employerUnion, org.id)) {
            throw new ApiException(422, "employer-has-union", "Rule violated", "the worker's employer " + m.employerCreditCode
                    + " has its own union (organization " + employerUnion + "); the worker joins there",
                    null, Map.of("unionOrgId", employerUnion));
        }
    }

    private static ApiException alreadyMember(Member m) {
        return ApiException.conflict("already-member",
                "member " + m.id + " already belongs to organization " + m.orgId + "; transfer the membership instead",
                Map.of("memberId", m.id, "orgId", m.orgId));
    }

    /** Files an application (the member row must be locked or new); the org's join policy may admit it at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MembershipApplication file(Member m, UnionOrg org, String note) {
        if (!m.status.canJoin()) {
            throw alreadyMember(m);
        }
        requireFitsEmployer(m, org);
        MembershipApplication pending = MembershipApplication.find("memberId = ?1 and status = ?2", m.id,
                ApplicationStatus.PENDING).firstResult();
        if (pending != null) {
            throw ApiException.conflict("application-pending", "member " + m.id + " already has a pending application",
                    Map.of("applicationId", pending.id));
        }
        OffsetDateTime now = time.now();
        MembershipApplication a = new MembershipApplication();
        a.memberId = m.id;
        a.orgId = org.id;
        a.status = ApplicationStatus.PENDING;
        a.note = note == null || note.isBlank() ? null : note.trim();
        a.appliedAt = now;
        a.appliedBy = caller.username();
        LocalDate today = time.dayOf(now);
        var policy = JoinPolicyTerms.inForce(JoinPolicy.<JoinPolicy>ofOrg(org.id).stream().map(JoinPolicy::terms).toList(), today);
        if (policy.isPresent() && policy.get().autoApprove()) {
            a.status = a.status.decide(ApplicationStatus.APPROVED);
            a.decision = DecisionRecord.of("join-policy:" + policy.get().id(), now, "admitted by join policy " + policy.get().id() + " in force on " + today);
            a.via = JoinVia.AUTO_APPROVED;
            a.persist();
            admit(m, org, JoinVia.AUTO_APPROVED, now);
        } else {
            a.persist();
        }
        return a;
    }

    /** A worker applies for themself, or an officer files for a member they can see. */
    @Transactional
    public MembershipApplication apply(long memberId, MemberDtos.NewApplication request) {
        Member m = access.visibleForUpdate(memberId);
        if (!access.isSelf(m) && !access.isOfficerOrAdmin()) {
            throw ApiException.forbidden("only the member themself or an officer may apply");
        }
        Long orgId = request.orgId();
        if (orgId == null) {
            var match = enterprises.matchUnion(m.employerCreditCode);
            if (match.recommended() == null) {
                throw ApiException.invalid("orgId", "is required: no union matches the member's employer (" + match.reason() + ")");
            }
            orgId = match.recommended().orgId();
        }
        UnionOrg org = UnionOrg.findById(orgId);
        JoinRules.requireJoinable(org, orgId, "orgId");
        MembershipApplication a = file(m, org, request.note());
        em.flush();
        return a;
    }

    /** 403 outside the officer's scope, 409 when already decided, 422 when the org closed meanwhile. */
    @Transactional
    public MembershipApplication approve(long applicationId, String reason) {
        MembershipApplication a = lockApplication(applicationId);
        UnionOrg org = UnionOrg.findById(a.orgId);
        caller.requireCovers(org.path);
        a.status = a.status.decide(ApplicationStatus.APPROVED);
        Member m = em.find(Member.class, a.memberId, LockModeType.PESSIMISTIC_WRITE);
        JoinRules.requireJoinable(org, a.orgId, "orgId");
        OffsetDateTime now = time.now();
        a.decision = DecisionRecord.of(caller.username(), now, reason);
        a.via = JoinVia.APPLICATION;
        admit(m, org, JoinVia.APPLICATION, now);
        em.flush();
        return a;
    }

    @Transactional
    public MembershipApplication reject(long applicationId, String reason) {
        MembershipApplication a = lockApplication(applicationId);
        UnionOrg org = UnionOrg.findById(a.orgId);
        caller.requireCovers(org.path);
        String why = DecisionRecord.required(reason, "reject an application");
        a.status = a.status.decide(ApplicationStatus.REJECTED);
        a.decision = DecisionRecord.of(caller.username(), time.now(), why);
        em.flush();
        return a;
    }

    /** The applicant takes their application back. */
    @Transactional
    public MembershipApplication withdraw(long applicationId) {
        MembershipApplication a = lockApplication(applicationId);
        Member m = Member.findById(a.memberId);
        if (!access.isSelf(m) && !caller.isAdmin()) {
            if (visible(a)) {
                throw ApiException.forbidden("only the applicant may withdraw an application");
            }
            throw ApiException.notFound("application", applicationId);
        }
        a.status = a.status.decide(ApplicationStatus.WITHDRAWN);
        a.decision = DecisionRecord.of(caller.username(), time.now(), null);
        em.flush();
        return a;
    }

    private MembershipApplication lockApplication(long id) {
        MembershipApplication a = em.find(MembershipApplication.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("application", id);
        }
        return a;
    }

    private boolean visible(MembershipApplication a) {
        if (caller.isAdmin()) {
            return true;
        }
        UnionOrg org = UnionOrg.findById(a.orgId);
        if (access.isOfficerOrAdmin() && caller.covers(org.path)) {
            return true;
        }
        Member m = Member.findById(a.memberId);
        return access.isSelf(m) || access.coversCurrentOrg(m);
    }

    public MembershipApplication get(long id) {
        MembershipApplication a = MembershipApplication.findById(id);
        if (a == null || !visible(a)) {
            throw ApiException.notFound("application", id);
        }
        return a;
    }

    public List<MembershipApplication> ofMember(long memberId) {
        access.visible(memberId);
        return MembershipApplication.list("memberId = ?1 order by appliedAt desc, id desc", memberId);
    }

    /** Applications to orgs in the subtree of {@code orgId} (or the caller's scope), e.g. an officer's queue of PENDING ones. */
    public Page<MembershipApplication> list(Long orgId, String status, PageRequest page) {
        ApplicationStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = ApplicationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "must be one of PENDING, APPROVED, REJECTED, WITHDRAWN");
            }
        }
        String path = scopePath(orgId);
        StringBuilder where = new StringBuilder(" from membership_application a join union_org o on o.id = a.org_id where true");
        Map<String, Object> params = new HashMap<>();
        if (path != null) {
            where.append(" and o.path <@ cast(:path as ltree)");
            params.put("path", path);
        }
        if (wanted != null) {
            where.append(" and a.status = :status");
            params.put("status", wanted.name());
        }
        return NativePage.of(em, where.toString(), "a.id", "a.id desc", params, page, MembershipApplication.class);
    }

    String scopePath(Long orgId) {
        if (orgId != null) {
            return orgs.get(orgId).path;
        }
        if (caller.isAdmin()) {
            return null;
        }
        return caller.orgPath().orElseThrow(() -> ApiException.forbidden("your token names no organization scope"));
    }

    /** Adds a dated policy; earlier ones stay as they were (the latest started one in force wins). */
    @Transactional
    public JoinPolicy addPolicy(MemberDtos.NewJoinPolicy request) {
        UnionOrg org = orgs.namedInScope(request.orgId(), "orgId");
        if (!JoinRules.JOINABLE.contains(org.kind)) {
            throw ApiException.invalid("orgId", "names a " + org.kind + " organization, which admits no members");
        }
        JoinPolicyTerms.requireDates(request.validFrom(), request.validTo());
        JoinPolicy p = new JoinPolicy();
        p.orgId = org.id;
        p.autoApprove = request.autoApprove();
        p.validFrom = request.validFrom();
        p.validTo = request.validTo();
        p.createdAt = time.now();
        p.createdBy = caller.username();
        p.persist();
        em.flush();
        return p;
    }

    public List<MemberDtos.JoinPolicyView> policies(long orgId) {
        orgs.get(orgId);
        List<JoinPolicy> all = JoinPolicy.ofOrg(orgId);
        LocalDate today = time.today();
        Long inForce = JoinPolicyTerms.inForce(all.stream().map(JoinPolicy::terms).toList(), today)
                .map(JoinPolicyTerms::id).orElse(null);
        return all.stream().map(p -> new MemberDtos.JoinPolicyView(p.id, p.orgId, p.autoApprove, p.validFrom, p.validTo,
                p.id.equals(inForce), p.createdAt, p.createdBy)).toList();
    }
}
