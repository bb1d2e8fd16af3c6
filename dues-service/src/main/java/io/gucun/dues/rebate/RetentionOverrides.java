package io.gucun.dues.rebate;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.approval.ApprovalSubject;
import io.gucun.dues.approval.Approvals;
import io.gucun.dues.ledger.LedgerTimes;
import io.gucun.dues.ledger.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Differentiated retention (因企制宜, 差异缴拨): an enterprise's grassroots share instead of its policy's (a start-up, a
 * firm in difficulty), with a reason and a validity. Set by an org above the enterprise (the org it is registered under,
 * or higher; or an admin), in force once a second officer approves it, never below the floor, never reaching back.
 */
@ApplicationScoped
public class RetentionOverrides implements ApprovalSubject {

    static final String KIND = "RETENTION_OVERRIDE";

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    BusinessTime time;

    @Inject
    Approvals approvals;

    @Inject
    ReturnFloors floors;

    /** The approved override of each enterprise collected by the org in that period, valid on its first day (the latest wins). */
    @SuppressWarnings("unchecked")
    public Map<Long, RebateRules.Override> inForce(long collectingOrgId, Period period) {
        List<Object[]> rows = em.createNativeQuery("select distinct on (o.enterprise_id) o.enterprise_id, o.id, o.grassroots_bp"
                        + " from retention_override o where o.status = 'APPROVED' and o.valid_from <= ?1"
                        + " and (o.valid_until is null or o.valid_until >= ?1) and o.enterprise_id in (select c.enterprise_id"
                        + " from fund_collection c where c.collecting_org_id = ?2 and c.period = ?3)"
                        + " order by o.enterprise_id, o.valid_from desc, o.id desc")
                .setParameter(1, period.firstDay()).setParameter(2, collectingOrgId).setParameter(3, period.toString())
                .getResultList();
        Map<Long, RebateRules.Override> byEnterprise = new HashMap<>();
        rows.forEach(r -> byEnterprise.put(((Number) r[0]).longValue(),
                new RebateRules.Override(((Number) r[1]).longValue(), ((Number) r[2]).intValue())));
        return byEnterprise;
    }

    @Transactional
    public RebateDtos.OverrideView propose(RebateDtos.NewOverride in) {
        KnownEnterprise enterprise = KnownEnterprise.findById(in.enterpriseId());
        // The level above the enterprise is the org it is registered under; its officers (and those above) may decide.
        KnownOrg registeredUnder = enterprise == null ? null : KnownOrg.findById(enterprise.orgId);
        if (registeredUnder == null || !caller.covers(registeredUnder.path)) {
            throw ApiException.invalid("enterpriseId", "names no enterprise under your organization");
        }
        String scopePath = registeredUnder.path;
        List<FieldError> errors = new ArrayList<>();
        if (in.validFrom().isBefore(time.today())) {
            errors.add(new FieldError("validFrom", "must not be in the past: an override never reaches back into a period already"
                    + " run or closed (earliest: " + time.today() + ")"));
        }
        if (in.validUntil() != null && in.validUntil().isBefore(in.validFrom())) {
            errors.add(new FieldError("validUntil", "must not be before validFrom"));
        }
        int bp = 0;
        try {
            bp = RebateService.basisPoints("grassrootsPercent", in.grassrootsPercent());
            int floor = floors.inForce(scopePath, in.validFrom()).map(ReturnFloors.Floor::floorBp).orElse(0);
            RebateRules.belowFloor(bp, floor).ifPresent(m -> errors.add(new FieldError("grassrootsPercent", m)));
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        long id = ((Number) em.createNativeQuery("insert into retention_override (enterprise_id, scope_path, grassroots_bp, reason,"
                        + " valid_from, valid_until, created_at, created_by) values (?1, cast(?2 as ltree), ?3, ?4, ?5,"
                        + " cast(nullif(?6, '') as date), ?7, ?8) returning id")
                .setParameter(1, enterprise.id).setParameter(2, scopePath).setParameter(3, bp).setParameter(4, in.reason())
                .setParameter(5, in.validFrom()).setParameter(6, in.validUntil() == null ? "" : in.validUntil().toString()).setParameter(7, time.instant())
                .setParameter(8, caller.username()).getSingleResult()).longValue();
        approvals.propose(KIND, id, scopePath, "retention override: enterprise " + enterprise.id + " keeps "
                + RebateRules.percent(bp) + "% from " + in.validFrom() + (in.validUntil() == null ? "" : " to " + in.validUntil())
                + " (" + in.reason() + ")");
        return view(id).orElseThrow();
    }

    /** Overrides of enterprises under the caller's subtree (admins: all), newest first. */
    @SuppressWarnings("unchecked")
    public Page<RebateDtos.OverrideView> list(Long enterpriseId, PageRequest page) {
        String scope = caller.isAdmin() ? "" : caller.orgPath().orElse("0");
        long enterprise = enterpriseId == null ? 0 : enterpriseId;
        String where = " where (?1 = '' or scope_path <@ cast(nullif(?1, '') as ltree)) and (?2 = 0 or enterprise_id = ?2)";
        List<Number> ids = em.createNativeQuery("select id from retention_override" + where + " order by id desc limit "
                + page.size() + " offset " + page.offset()).setParameter(1, scope).setParameter(2, enterprise).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from retention_override" + where).setParameter(1, scope)
                .setParameter(2, enterprise).getSingleResult()).longValue();
        return new Page<>(ids.stream().map(i -> view(i.longValue()).orElseThrow()).toList(), page.page(), page.size(), total);
    }

    public Optional<RebateDtos.OverrideView> visible(long id) {
        return view(id).filter(v -> caller.covers(v.scopePath()));
    }

    Optional<RebateDtos.OverrideView> view(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select enterprise_id, scope_path::text, grassroots_bp, reason, valid_from,"
                + " valid_until, status, created_at, created_by from retention_override where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new RebateDtos.OverrideView(id, ((Number) r[0]).longValue(), (String) r[1],
                RebateRules.percent(((Number) r[2]).intValue()), (String) r[3], RebateService.toDate(r[4]),
                r[5] == null ? null : RebateService.toDate(r[5]), (String) r[6], LedgerTimes.instant(r[7]), (String) r[8],
                approvals.of(KIND, id).map(a -> a.id()).orElse(null)));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void approved(long subjectId, Decision decision) {
        io.gucun.dues.approval.ApprovalRules.requireNotStarted(RebateService.toDate(em.createNativeQuery(
                "select valid_from from retention_override where id = ?1").setParameter(1, subjectId).getSingleResult()), time.today());
        em.createNativeQuery("update retention_override set status = 'APPROVED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }

    @Override
    public void rejected(long subjectId, Decision decision) {
        em.createNativeQuery("update retention_override set status = 'REJECTED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }
}
