package io.gucun.dues.rebate;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.approval.ApprovalSubject;
import io.gucun.dues.approval.Approvals;
import io.gucun.dues.ledger.LedgerTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The 80% rule as dated floor rules per subtree: the least share a rebate policy may return to the grassroots. */
@ApplicationScoped
public class ReturnFloors implements ApprovalSubject {

    static final String KIND = "FLOOR_RULE";

    /** A floor in force: its rule and share. */
    public record Floor(long ruleId, int floorBp) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    BusinessTime time;

    @Inject
    Approvals approvals;

    /** The approved rule for an org at {@code path} on {@code day}: the narrowest scope, then the latest valid_from. */
    public Optional<Floor> inForce(String path, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, floor_bp from return_floor_rule where status = 'APPROVED'"
                        + " and scope_path @> cast(?1 as ltree) and valid_from <= ?2 order by nlevel(scope_path) desc, valid_from desc,"
                        + " id desc limit 1")
                .setParameter(1, path).setParameter(2, day).getResultList();
        return rows.stream().findFirst().map(r -> new Floor(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
    }

    @Transactional
    public RebateDtos.FloorRuleView propose(RebateDtos.NewFloorRule in) {
        KnownOrg scope = KnownOrg.findById(in.scopeOrgId());
        if (scope == null) {
            throw ApiException.invalid("scopeOrgId", "names no organization");
        }
        if (in.validFrom().isBefore(time.today())) {
            throw ApiException.invalid("validFrom", "must not be in the past: a rule never reaches back into a period already run");
        }
        int bp = RebateService.basisPoints("floorPercent", in.floorPercent());
        long id = ((Number) em.createNativeQuery("insert into return_floor_rule (scope_path, valid_from, floor_bp, note, created_at,"
                        + " created_by) values (cast(?1 as ltree), ?2, ?3, nullif(?4, ''), ?5, ?6) returning id")
                .setParameter(1, scope.path).setParameter(2, in.validFrom()).setParameter(3, bp)
                .setParameter(4, in.note() == null ? "" : in.note())
                .setParameter(5, time.instant()).setParameter(6, caller.username()).getSingleResult()).longValue();
        approvals.propose(KIND, id, null, "floor of " + RebateRules.percent(bp) + "% returned under org " + scope.id
                + " from " + in.validFrom());
        return view(id).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    public Page<RebateDtos.FloorRuleView> list(PageRequest page) {
        List<Number> ids = em.createNativeQuery("select id from return_floor_rule order by id desc limit " + page.size()
                + " offset " + page.offset()).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from return_floor_rule").getSingleResult()).longValue();
        return new Page<>(ids.stream().map(i -> view(i.longValue()).orElseThrow()).toList(), page.page(), page.size(), total);
    }

    Optional<RebateDtos.FloorRuleView> view(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, scope_path::text, valid_from, floor_bp, note, created_at, created_by,"
                + " status from return_floor_rule where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> {
            String path = (String) r[1];
            return new RebateDtos.FloorRuleView(id, Long.parseLong(path.substring(path.lastIndexOf('.') + 1)), path,
                    RebateService.toDate(r[2]), RebateRules.percent(((Number) r[3]).intValue()), (String) r[4],
                    LedgerTimes.instant(r[5]), (String) r[6], (String) r[7],
                    approvals.of(KIND, id).map(a -> a.id()).orElse(null));
        });
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void approved(long subjectId, Decision decision) {
        LocalDate from = RebateService.toDate(em.createNativeQuery("select valid_from from return_floor_rule where id = ?1")
                .setParameter(1, subjectId).getSingleResult());
        io.gucun.dues.approval.ApprovalRules.requireNotStarted(from, time.today());
        em.createNativeQuery("update return_floor_rule set status = 'APPROVED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }

    @Override
    public void rejected(long subjectId, Decision decision) {
        em.createNativeQuery("update return_floor_rule set status = 'REJECTED' where id = ?1").setParameter(1, subjectId).executeUpdate();
    }
}
