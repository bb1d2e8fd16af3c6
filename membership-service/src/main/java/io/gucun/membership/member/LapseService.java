package io.gucun.membership.member;

import io.gucun.common.db.JobTimeouts;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.membership.LeaveReason;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lapse policies, recorded member activity, and lapse runs that apply the policies (see {@link LapseRules}). */
@ApplicationScoped
public class LapseService {

    static final int LISTED = 500;

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    CallerScope caller;

    @Inject
    OrgService orgs;

    @Inject
    MemberAccess access;

    @Inject
    TransferService transfers;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @Transactional
    public MemberDtos.LapsePolicyView addPolicy(MemberDtos.NewLapsePolicy request) {
        UnionOrg org = orgs.namedInScope(request.orgId(), "orgId");
        JoinPolicyTerms.requireDates(request.validFrom(), request.validTo());
        LapsePolicy p = new LapsePolicy();
        p.orgId = org.id;
        p.monthsWithoutActivity = request.monthsWithoutActivity();
        p.validFrom = request.validFrom();
        p.validTo = request.validTo();
        p.createdAt = time.now();
        p.createdBy = caller.username();
        p.persist();
        em.flush();
        return view(p, org.path);
    }

    /** The policies of the org and of every org above it, and the one in force today for the org's own members. */
    public MemberDtos.LapsePolicies policies(long orgId) {
        UnionOrg org = orgs.get(orgId);
        List<Object[]> rows = policyRows("po.path @> cast(:path as ltree)", org.path);
        List<LapseRules.Policy> terms = rows.stream().map(LapseService::terms).toList();
        Long inForce = LapseRules.policyFor(terms, org.path, today()).map(LapseRules.Policy::id).orElse(null);
        return new MemberDtos.LapsePolicies(org.id, inForce, rows.stream().map(LapseService::viewOf).toList());
    }

    /** Records an activity of a member the caller manages; the member's last activity moves forward, never back. */
    @Transactional
    public MemberDtos.ActivityView record(long memberId, MemberDtos.NewActivity request) {
        Member m = access.visibleForUpdate(memberId);
        if (!access.isOfficerOrAdmin() || !access.coversCurrentOrg(m)) {
            throw ApiException.forbidden("only an officer of the member's organization records activity");
        }
        if (!m.status.holdsMembership()) {
            throw ApiException.conflict("not-a-member", "member " + m.id + " holds no membership (status " + m.status + ")",
                    java.util.Map.of("currentStatus", m.status.name()));
        }
        if (request.activeOn().isAfter(today())) {
            throw ApiException.invalid("activeOn", "must not be in the future");
        }
        MemberActivity a = new MemberActivity();
        a.memberId = m.id;
        a.activeOn = request.activeOn();
        a.kind = request.kind();
        a.note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        a.recordedAt = time.now();
        a.recordedBy = caller.username();
        a.persist();
        if (m.lastActiveOn == null || a.activeOn.isAfter(m.lastActiveOn)) {
            m.lastActiveOn = a.activeOn;
        }
        em.flush();
        return view(a);
    }

    public List<MemberDtos.ActivityView> activities(long memberId) {
        access.visible(memberId);
        return MemberActivity.<MemberActivity>list("memberId = ?1 order by activeOn desc, id desc", memberId).stream()
                .map(LapseService::view).toList();
    }

    /**
     * Judges every active member of the org's subtree on {@code asOf}; unless a dry run, ends the memberships that
     * lapse (history LAPSED, card closed, MemberLeft reason LAPSED) in one transaction. A rerun finds nobody new.
     */
    @Transactional
    public MemberDtos.LapseRunView run(MemberDtos.NewLapseRun request) {
        if (!access.isOfficerOrAdmin()) {
            throw ApiException.forbidden("only officers run lapse checks");
        }
        UnionOrg anchor = orgs.get(request.orgId());
        LocalDate asOf = request.asOf() == null ? today() : request.asOf();
        if (asOf.isAfter(today())) {
            throw ApiException.invalid("asOf", "must not be in the future");
        }
        boolean dryRun = request.dryRun() == null || request.dryRun();
        // A province's active members in one transaction, each locked as it lapses: a job's bounds, not the API's.
        jobTimeouts.raiseForThisTransaction();
        // Policies that can cover someone in the subtree: set above the anchor or inside it.
        List<LapseRules.Policy> policies = policyRows(
                "(po.path @> cast(:path as ltree) or po.path <@ cast(:path as ltree))", anchor.path)
                .stream().map(LapseService::terms).filter(p -> p.inForceOn(asOf)).toList();
        int lapsed = 0;
        int retained = 0;
        List<MemberDtos.LapsedMember> listed = new ArrayList<>();
        if (!policies.isEmpty()) {
            int shortest = policies.stream().mapToInt(LapseRules.Policy::monthsWithoutActivity).min().orElseThrow();
            // A generous bound (month ends): the rules decide exactly below.
            LocalDate latest = asOf.minusMonths(shortest).plusDays(4);
            @SuppressWarnings("unchecked")
            List<Object[]> candidates = em.createNativeQuery("""
                    select m.id, cast(o.path as text), m.last_active_on, m.employment_form
                      from member m join union_org o on o.id = m.org_id
                     where m.status = 'ACTIVE' and o.path <@ cast(:path as ltree) and m.last_active_on <= :latest
                     order by m.id""")
                    .setParameter("path", anchor.path).setParameter("latest", latest).getResultList();
            OffsetDateTime now = time.now();
            for (Object[] c : candidates) {
                long id = ((Number) c[0]).longValue();
                LocalDate lastActiveOn = localDate(c[2]);
                Optional<LapseRules.Policy> policy = LapseRules.policyFor(policies, (String) c[1], asOf);
                switch (LapseRules.judge(policy, lastActiveOn, EmploymentForm.valueOf((String) c[3]), asOf)) {
                    case RETAINED -> retained++;
                    case LAPSES -> {
                        Member m = dryRun ? em.find(Member.class, id) : em.find(Member.class, id, LockModeType.PESSIMISTIC_WRITE);
                        if (!m.status.holdsMembership()) {
                            continue; // ended meanwhile
                        }
                        lapsed++;
                        LapseRules.Policy p = policy.orElseThrow();
                        if (listed.size() < LISTED) {
                            listed.add(new MemberDtos.LapsedMember(m.id, m.idNumberMasked, m.orgId, lastActiveOn,
                                    LapseRules.lapsesOn(lastActiveOn, p.monthsWithoutActivity()), p.id()));
                        }
                        if (!dryRun) {
                            transfers.end(m, LeaveReason.LAPSED, MembershipPeriod.Reason.LAPSED, "LAPSED: no activity since "
                                    + lastActiveOn + " (lapse policy " + p.id() + ", " + p.monthsWithoutActivity() + " months)", now);
                        }
                    }
                    default -> {
                    }
                }
            }
            em.flush();
        }
        return new MemberDtos.LapseRunView(anchor.id, asOf, dryRun, lapsed, retained, listed, lapsed > listed.size());
    }

    private List<Object[]> policyRows(String condition, String path) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select lp.id, lp.org_id, cast(po.path as text), lp.months_without_activity, lp.valid_from, lp.valid_to,
                       lp.created_at, lp.created_by
                  from lapse_policy lp join union_org po on po.id = lp.org_id""" // text blocks drop trailing blanks
                + " where " + condition + " order by nlevel(po.path), lp.valid_from, lp.id")
                .setParameter("path", path).getResultList();
        return rows;
    }

    private static LapseRules.Policy terms(Object[] r) {
        return new LapseRules.Policy(((Number) r[0]).longValue(), (String) r[2], ((Number) r[3]).intValue(),
                localDate(r[4]), localDate(r[5]));
    }

    private static MemberDtos.LapsePolicyView viewOf(Object[] r) {
        return new MemberDtos.LapsePolicyView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                ((Number) r[3]).intValue(), localDate(r[4]), localDate(r[5]), offsetDateTime(r[6]), (String) r[7]);
    }

    private static LocalDate localDate(Object o) {
        return o == null ? null : o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }

    private static OffsetDateTime offsetDateTime(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) o).toInstant().atOffset(ZoneOffset.UTC);
    }

    private static MemberDtos.LapsePolicyView view(LapsePolicy p, String orgPath) {
        return new MemberDtos.LapsePolicyView(p.id, p.orgId, orgPath, p.monthsWithoutActivity, p.validFrom, p.validTo,
                p.createdAt, p.createdBy);
    }

    private static MemberDtos.ActivityView view(MemberActivity a) {
        return new MemberDtos.ActivityView(a.id, a.memberId, a.activeOn, a.kind, a.note, a.recordedAt, a.recordedBy);
    }

    private LocalDate today() {
        return time.today();
    }
}
