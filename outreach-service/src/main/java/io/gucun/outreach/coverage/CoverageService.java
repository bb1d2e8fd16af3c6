package io.gucun.outreach.coverage;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.time.BusinessTime;
import io.gucun.common.replica.KnownOrg;
import io.gucun.outreach.membership.OrgScopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Coverage and blind spots (盲区) of an org subtree, from membership's facts and the partners' data. */
@ApplicationScoped
public class CoverageService {

    /** Per enterprise of the subtree: insured workers (partial index on employer) and members of its own union. */
    private static final String PER_ENTERPRISE = """
            from known_enterprise e
            left join lateral (select count(*) as n from insured_person ip
                               where ip.employer_credit_code = e.credit_code and ip.status = 'ACTIVE') ins on true
            left join lateral (select count(*) as n from joined_member m
                               where e.union_org_id is not null and m.org_id = e.union_org_id and m.left_at is null) mem on true
            left join lateral (select tr.headcount from tax_record tr where tr.credit_code = e.credit_code
                               order by tr.period desc limit 1) tax on true
            where e.org_path <@ cast(:root as ltree)
            """;
    private static final String EMPLOYEES = "greatest(coalesce(tax.headcount, 0), ins.n, coalesce(e.employee_count, 0))";
    private static final String IS_TARGET = "(e.union_founded_at is null and " + EMPLOYEES + " >= :minEmployees"
            + " and e.established_on <= :establishedBy)";

    @Inject
    EntityManager em;

    @Inject
    OrgScopes scopes;

    @ConfigProperty(name = "gucun.outreach.targets.min-employees", defaultValue = "25")
    int minEmployees;

    @ConfigProperty(name = "gucun.outreach.targets.min-years", defaultValue = "1")
    int minYears;

    @ConfigProperty(name = "gucun.outreach.coverage.min-group", defaultValue = "10")
    int minGroup;

    @Inject
    BusinessTime time;

    public FoundingTargetRule rule() {
        return new FoundingTargetRule(minEmployees, minYears);
    }

    private Suppression suppression() {
        return new Suppression(minGroup);
    }

    private KnownOrg root(Long orgId) {
        return scopes.subtreeRoot(orgId);
    }

    public CoverageDtos.Totals totals(Long orgId) {
        KnownOrg root = root(orgId);
        Object[] row = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where e.union_founded_at is not null),"
                        + " coalesce(sum(ins.n), 0) " + PER_ENTERPRISE)
                .setParameter("root", root.path).getSingleResult();
        long members = ((Number) em.createNativeQuery("select count(*) from joined_member where left_at is null"
                + " and org_path <@ cast(?1 as ltree)").setParameter(1, root.path).getSingleResult()).longValue();
        long insured = ((Number) row[2]).longValue();
        Suppression s = suppression();
        boolean hidden = s.hides(insured) || s.hides(members);
        return new CoverageDtos.Totals(root.id, root.path, ((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                hidden ? null : insured, hidden ? null : members, hidden ? null : ratio(members, insured), hidden, minGroup);
    }

    public Page<CoverageDtos.Grid> grids(Long orgId, PageRequest page) {
        KnownOrg root = root(orgId);
        LocalDate today = time.today();
        String grouped = "select coalesce(e.grid_code, '') as grid, count(*) as enterprises,"
                + " count(*) filter (where e.union_founded_at is not null) as with_union, coalesce(sum(ins.n), 0) as insured,"
                + " coalesce(sum(mem.n), 0) as members, count(*) filter (where " + IS_TARGET + ") as targets "
                + PER_ENTERPRISE + " group by 1";
        long total = ((Number) em.createNativeQuery("select count(*) from (" + grouped + ") g")
                .setParameter("root", root.path).setParameter("minEmployees", minEmployees)
                .setParameter("establishedBy", Date.valueOf(rule().establishedBy(today))).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select * from (" + grouped + ") g order by insured - members desc, grid")
                .setParameter("root", root.path).setParameter("minEmployees", minEmployees)
                .setParameter("establishedBy", Date.valueOf(rule().establishedBy(today)))
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Suppression s = suppression();
        List<CoverageDtos.Grid> grids = new ArrayList<>();
        for (Object[] r : rows) {
            long insured = ((Number) r[3]).longValue();
            long members = ((Number) r[4]).longValue();
            boolean hidden = s.hides(insured);
            grids.add(new CoverageDtos.Grid(((String) r[0]).isEmpty() ? null : (String) r[0], ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(), hidden ? null : insured, hidden ? null : members,
                    hidden ? null : ratio(members, insured), hidden, ((Number) r[5]).longValue()));
        }
        return new Page<>(grids, page.page(), page.size(), total);
    }

    /** Enterprises meeting the founding-target rule, the largest first (then the most insured workers, then oldest). */
    public Page<CoverageDtos.Target> targets(Long orgId, PageRequest page) {
        KnownOrg root = root(orgId);
        LocalDate today = time.today();
        String where = PER_ENTERPRISE + " and " + IS_TARGET;
        long total = ((Number) em.createNativeQuery("select count(*) " + where).setParameter("root", root.path)
                .setParameter("minEmployees", minEmployees).setParameter("establishedBy", Date.valueOf(rule().establishedBy(today)))
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.id, e.credit_code, e.name, e.org_id, e.grid_code, e.established_on, "
                        + EMPLOYEES + " as employees, ins.n, (select l.status from enterprise_lead l where l.credit_code = e.credit_code) "
                        + where + " order by employees desc, ins.n desc, e.established_on, e.id")
                .setParameter("root", root.path).setParameter("minEmployees", minEmployees)
                .setParameter("establishedBy", Date.valueOf(rule().establishedBy(today)))
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Suppression s = suppression();
        List<CoverageDtos.Target> targets = new ArrayList<>();
        int rank = page.offset();
        for (Object[] r : rows) {
            long insured = ((Number) r[7]).longValue();
            targets.add(new CoverageDtos.Target(++rank, ((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    ((Number) r[3]).longValue(), (String) r[4], localDate(r[5]),
                    ((Number) r[6]).intValue(), s.show(insured, insured), (String) r[8]));
        }
        return new Page<>(targets, page.page(), page.size(), total);
    }

    private static LocalDate localDate(Object value) {
        return value == null ? null : value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    static BigDecimal ratio(long members, long insured) {
        return insured == 0 ? null : BigDecimal.valueOf(members).divide(BigDecimal.valueOf(insured), 2, RoundingMode.HALF_UP);
    }
}
