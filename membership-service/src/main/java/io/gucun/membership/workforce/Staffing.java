package io.gucun.membership.workforce;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.OrgKind;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Dated staffing policies and the staffing report of an org's subtree (see {@link StaffingRules}). */
@ApplicationScoped
public class Staffing {

    /** The federations a report judges besides the org itself: Shanghai staffs area and industry federations. */
    static final List<OrgKind> JUDGED = List.of(OrgKind.TOWN, OrgKind.JOINT_AREA, OrgKind.JOINT_INDUSTRY);

    @Inject
    OrgService orgs;

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @Transactional
    public WorkforceDtos.PolicyView addPolicy(WorkforceDtos.NewStaffingPolicy r) {
        UnionOrg org = orgs.namedInScope(r.orgId(), "orgId");
        if (r.workersMax() < r.workersMin()) {
            throw ApiException.invalid("workersMax", "must not be below workersMin");
        }
        if (r.enterprisesMax() < r.enterprisesMin()) {
            throw ApiException.invalid("enterprisesMax", "must not be below enterprisesMin");
        }
        if (r.validTo() != null && !r.validTo().isAfter(r.validFrom())) {
            throw ApiException.invalid("validTo", "must be after validFrom");
        }
        StaffingPolicy p = new StaffingPolicy();
        p.orgId = org.id;
        p.workersMin = r.workersMin();
        p.workersMax = r.workersMax();
        p.enterprisesMin = r.enterprisesMin();
        p.enterprisesMax = r.enterprisesMax();
        p.validFrom = r.validFrom();
        p.validTo = r.validTo();
        p.createdAt = time.now();
        p.createdBy = caller.username();
        p.persist();
        em.flush();
        return view(p, org.path);
    }

    /** The policies that can apply to the org (its own, those above it, the default) and the one in force today. */
    public WorkforceDtos.Policies policies(long orgId) {
        UnionOrg org = orgs.get(orgId);
        List<WorkforceDtos.PolicyView> views = policyViews("po.path @> cast(:path as ltree)", org.path);
        Long inForce = StaffingRules.policyFor(views.stream().map(Staffing::terms).toList(), org.path, time.today())
                .map(StaffingRules.Policy::id).orElse(null);
        return new WorkforceDtos.Policies(org.id, inForce, views);
    }

    /**
     * The org's whole subtree, then each active town/street federation and joint union in it, judged under the policy
     * in force today for that org; {@code onlyShort} keeps those that fall short (most short first).
     */
    public WorkforceDtos.StaffingReport report(long orgId, boolean onlyShort, PageRequest page) {
        UnionOrg anchor = orgs.get(orgId);
        LocalDate today = time.today();
        List<StaffingRules.Policy> policies = policyViews(
                "(po.path @> cast(:path as ltree) or po.path <@ cast(:path as ltree))", anchor.path)
                .stream().map(Staffing::terms).filter(p -> p.inForceOn(today)).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select o.id, cast(o.path as text), o.name, o.kind,
                               (select coalesce(sum(c.members), 0) from org_member_count c
                                  join union_org mo on mo.id = c.org_id where mo.path <@ o.path),
                               (select count(*) from enterprise e join union_org eo on eo.id = e.org_id
                                 where eo.path <@ o.path and e.closed_on is null),
                               (select count(*) from union_worker_appointment a join union_org ao on ao.id = a.org_id
                                 where ao.path <@ o.path and a.post = 'SOCIAL_WORKER' and a.term_from <= :today
                                   and (least(a.term_to, a.ended_on) is null or least(a.term_to, a.ended_on) >= :today))
                          from union_org o
                         where o.id = :anchor
                            or (o.path <@ cast(:path as ltree) and o.status = 'ACTIVE' and o.kind in (:kinds))
                         order by o.path""")
                .setParameter("anchor", anchor.id).setParameter("path", anchor.path).setParameter("today", today)
                .setParameter("kinds", JUDGED.stream().map(Enum::name).toList())
                .getResultList();
        WorkforceDtos.OrgStaffing total = null;
        List<WorkforceDtos.OrgStaffing> judged = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            String path = (String) r[1];
            Optional<StaffingRules.Policy> policy = StaffingRules.policyFor(policies, path, today);
            if (policy.isEmpty()) {
                continue;
            }
            long workers = ((Number) r[4]).longValue();
            long enterprises = ((Number) r[5]).longValue();
            StaffingRules.Staffing s = StaffingRules.judge(policy.get(), workers, enterprises, ((Number) r[6]).longValue());
            var line = new WorkforceDtos.OrgStaffing(id, path, (String) r[2], OrgKind.valueOf((String) r[3]), workers,
                    enterprises, s.socialWorkers(), s.required(), s.target(), s.shortBy(), s.verdict(), policy.get().id());
            if (id == anchor.id) {
                total = line;
            } else {
                judged.add(line);
            }
        }
        long shortOrgs = judged.stream().filter(l -> l.verdict() == StaffingRules.Verdict.SHORT).count();
        List<WorkforceDtos.OrgStaffing> listed = onlyShort
                ? judged.stream().filter(l -> l.verdict() == StaffingRules.Verdict.SHORT)
                        .sorted(Comparator.comparingLong(WorkforceDtos.OrgStaffing::shortBy).reversed()
                                .thenComparing(WorkforceDtos.OrgStaffing::orgPath)).toList()
                : judged;
        List<WorkforceDtos.OrgStaffing> pageItems = listed.stream().skip(page.offset()).limit(page.size()).toList();
        return new WorkforceDtos.StaffingReport(today, total, shortOrgs,
                new Page<>(pageItems, page.page(), page.size(), listed.size()));
    }

    private List<WorkforceDtos.PolicyView> policyViews(String condition, String path) {
        @SuppressWarnings("unchecked")
        List<StaffingPolicy> found = em.createNativeQuery("""
                        select p.* from staffing_policy p left join union_org po on po.id = p.org_id
                         where p.org_id is null or %s
                         order by po.path nulls first, p.valid_from, p.id""".formatted(condition), StaffingPolicy.class)
                .setParameter("path", path).getResultList();
        java.util.Map<Long, String> paths = new java.util.HashMap<>();
        for (StaffingPolicy p : found) {
            if (p.orgId != null) {
                paths.computeIfAbsent(p.orgId, id -> UnionOrg.<UnionOrg>findById(id).path);
            }
        }
        return found.stream().map(p -> view(p, paths.get(p.orgId))).toList();
    }

    private static StaffingRules.Policy terms(WorkforceDtos.PolicyView v) {
        return new StaffingRules.Policy(v.id(), v.orgPath(), v.workersMin(), v.workersMax(), v.enterprisesMin(),
                v.enterprisesMax(), v.validFrom(), v.validTo());
    }

    private static WorkforceDtos.PolicyView view(StaffingPolicy p, String orgPath) {
        return new WorkforceDtos.PolicyView(p.id, p.orgId, orgPath, p.workersMin, p.workersMax, p.enterprisesMin,
                p.enterprisesMax, p.validFrom, p.validTo, p.createdAt, p.createdBy);
    }
}
