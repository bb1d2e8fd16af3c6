package io.gucun.membership.member;

import io.gucun.common.db.JobTimeouts;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.membership.LeaveReason;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.UnionOrg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lapse policies, recorded member activity, and lapse runs that apply the policies (see {@link LapseRules}). */
@ApplicationScoped
public class LapseService {

    static final int LISTED = 500;

    /** Members whose memberships one transaction of a lapse run ends (and locks) at most. */
    @ConfigProperty(name = "gucun.membership.lapse.batch-size", defaultValue = "100")
    int batchSize;

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
     * lapse (history LAPSED, card closed, MemberLeft reason LAPSED). A rerun finds nobody new.
     *
     * <p>The judging reads without locks. The endings go in batches of {@code gucun.membership.lapse.batch-size}
     * members, each its own transaction that locks its members in id order and judges them again on what they are now
     * (an activity recorded or a transfer made since is respected): a province's run never holds thousands of member
     * rows while officers and joins wait, and two runs over overlapping subtrees lock in the same order. A run stopped
     * half-way (a database refusal) keeps the batches it committed; running it again ends the rest.
     */
    public MemberDtos.LapseRunView run(MemberDtos.NewLapseRun request) {
        if (!access.isOfficerOrAdmin()) {
            throw ApiException.forbidden("only officers run lapse checks");
        }
        boolean dryRun = request.dryRun() == null || request.dryRun();
        Judged judged = QuarkusTransaction.requiringNew().call(() -> judge(request, dryRun));
        if (dryRun) {
            return judged.view(judged.lapsing().size(), judged.retained(), judged.listed());
        }
        int lapsed = 0;
        int retained = judged.retained();
        List<MemberDtos.LapsedMember> listed = new ArrayList<>();
        OffsetDateTime now = time.now();
        List<Candidate> lapsing = judged.lapsing();
        for (int from = 0; from < lapsing.size(); from += batchSize) {
            List<Candidate> batch = lapsing.subList(from, Math.min(lapsing.size(), from + batchSize));
            int[] outcome = QuarkusTransaction.requiringNew().call(() -> endBatch(judged, batch, now, listed));
            lapsed += outcome[0];
            retained += outcome[1];
        }
        return judged.view(lapsed, retained, listed);
    }

    /** A member found lapsing when the run judged: where they were, and under which policy. */
    private record Candidate(long memberId, LocalDate lastActiveOn, LapseRules.Policy policy) {
    }

    /** The run's judgement, made without locks: who lapses, how many keep a retained membership. */
    private record Judged(long anchorId, String anchorPath, LocalDate asOf, boolean dryRun, List<LapseRules.Policy> policies,
                          List<Candidate> lapsing, int retained, List<MemberDtos.LapsedMember> listed) {

        MemberDtos.LapseRunView view(int lapsed, int retained, List<MemberDtos.LapsedMember> listed) {
            return new MemberDtos.LapseRunView(anchorId, asOf, dryRun, lapsed, retained, listed, lapsed > listed.size());
        }
    }

    private Judged judge(MemberDtos.NewLapseRun request, boolean dryRun) {
        UnionOrg anchor = orgs.get(request.orgId());
        LocalDate asOf = request.asOf() == null ? today() : request.asOf();
        if (asOf.isAfter(today())) {
            throw ApiException.invalid("asOf", "must not be in the future");
        }
        // A province's active members are read here: a job's bounds, not the API's.
        jobTimeouts.raiseForThisTransaction();
        // Policies that can cover someone in the subtree: set above the anchor or inside it.
        List<LapseRules.Policy> policies = policyRows(
                "(po.path @> cast(:path as ltree) or po.path <@ cast(:path as ltree))", anchor.path)
                .stream().map(LapseService::terms).filter(p -> p.inForceOn(asOf)).toList();
        List<Candidate> lapsing = new ArrayList<>();
        List<MemberDtos.LapsedMember> listed = new ArrayList<>();
        int retained = 0;
        if (!policies.isEmpty()) {
            for (Object[] c : candidates(anchor.path, latestActive(policies, asOf), null, false)) {
                long id = ((Number) c[0]).longValue();
                LocalDate lastActiveOn = localDate(c[2]);
                Optional<LapseRules.Policy> policy = LapseRules.policyFor(policies, (String) c[1], asOf);
                switch (LapseRules.judge(policy, lastActiveOn, EmploymentForm.valueOf((String) c[3]), asOf)) {
                    case RETAINED -> retained++;
                    case LAPSES -> {
                        lapsing.add(new Candidate(id, lastActiveOn, policy.orElseThrow()));
                        if (dryRun && listed.size() < LISTED) {
                            listed.add(listing(em.find(Member.class, id), lastActiveOn, policy.orElseThrow()));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new Judged(anchor.id, anchor.path, asOf, dryRun, policies, lapsing, retained, listed);
    }

    /**
     * Ends the batch's memberships that still lapse, locking the members in id order first; returns {lapsed, retained}
     * for those judged again (a member who left or moved out of the subtree meanwhile is neither).
     */
    private int[] endBatch(Judged judged, List<Candidate> batch, OffsetDateTime now, List<MemberDtos.LapsedMember> listed) {
        jobTimeouts.raiseForThisTransaction(); // may wait for a member an officer is changing; holds only this batch
        LocalDate asOf = judged.asOf();
        int lapsed = 0;
        int retained = 0;
        List<Long> ids = batch.stream().map(Candidate::memberId).toList();
        for (Object[] c : candidates(judged.anchorPath(), null, ids, true)) {
            long id = ((Number) c[0]).longValue();
            LocalDate lastActiveOn = localDate(c[2]);
            Optional<LapseRules.Policy> policy = LapseRules.policyFor(judged.policies(), (String) c[1], asOf);
            switch (LapseRules.judge(policy, lastActiveOn, EmploymentForm.valueOf((String) c[3]), asOf)) {
                case RETAINED -> retained++;
                case LAPSES -> {
                    Member m = em.find(Member.class, id);
                    LapseRules.Policy p = policy.orElseThrow();
                    lapsed++;
                    if (listed.size() < LISTED) {
                        listed.add(listing(m, lastActiveOn, p));
                    }
                    transfers.end(m, LeaveReason.LAPSED, MembershipPeriod.Reason.LAPSED, "LAPSED: no activity since "
                            + lastActiveOn + " (lapse policy " + p.id() + ", " + p.monthsWithoutActivity() + " months)", now);
                }
                default -> {
                }
            }
        }
        em.flush();
        return new int[] {lapsed, retained};
    }

    /**
     * Active members of the subtree at {@code path}: those last active on or before {@code latest}, or those of
     * {@code ids}, in id order; with {@code lock}, each row locked (FOR UPDATE) in that order.
     */
    private List<Object[]> candidates(String path, LocalDate latest, List<Long> ids, boolean lock) {
        var query = em.createNativeQuery("select m.id, cast(o.path as text), m.last_active_on, m.employment_form"
                + " from member m join union_org o on o.id = m.org_id"
                + " where m.status = 'ACTIVE' and o.path <@ cast(:path as ltree)"
                + (ids == null ? " and m.last_active_on <= :latest" : " and m.id in (:ids)")
                + " order by m.id" + (lock ? " for update of m" : ""))
                .setParameter("path", path);
        if (ids == null) {
            query.setParameter("latest", latest);
        } else {
            query.setParameter("ids", ids);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows;
    }

    /** A generous bound on the last activity of anyone who may lapse (month ends): the rules decide exactly. */
    private static LocalDate latestActive(List<LapseRules.Policy> policies, LocalDate asOf) {
        int shortest = policies.stream().mapToInt(LapseRules.Policy::monthsWithoutActivity).min().orElseThrow();
        return asOf.minusMonths(shortest).plusDays(4);
    }

    private static MemberDtos.LapsedMember listing(Member m, LocalDate lastActiveOn, LapseRules.Policy p) {
        return new MemberDtos.LapsedMember(m.id, m.idNumberMasked, m.orgId, lastActiveOn,
                LapseRules.lapsesOn(lastActiveOn, p.monthsWithoutActivity()), p.id());
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
