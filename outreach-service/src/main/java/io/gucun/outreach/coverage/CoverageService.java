package io.gucun.outreach.coverage;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.time.BusinessTime;
import io.gucun.outreach.membership.OrgScopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Coverage and blind spots (盲区) of an org subtree over the enterprise universe (EnterpriseUniverse): the register and
 * every firm the partners' data names. Only aggregates and firm-level counts leave here, never a person.
 */
@ApplicationScoped
public class CoverageService {

    private static final Pattern DIVISION = Pattern.compile("\\d{6}");

    @Inject
    EntityManager em;

    @Inject
    OrgScopes scopes;

    @ConfigProperty(name = "gucun.outreach.targets.min-employees", defaultValue = "25")
    int minEmployees;

    @ConfigProperty(name = "gucun.outreach.targets.min-years", defaultValue = "1")
    int minYears;

    @ConfigProperty(name = "gucun.outreach.targets.effective-from", defaultValue = "2017-01-01")
    LocalDate ruleEffectiveFrom;

    @ConfigProperty(name = "gucun.outreach.targets.rule-name", defaultValue = "Jiangxi")
    String ruleName;

    @ConfigProperty(name = "gucun.outreach.coverage.min-group", defaultValue = "10")
    int minGroup;

    @Inject
    BusinessTime time;

    public FoundingTargetRule rule() {
        return new FoundingTargetRule(minEmployees, minYears, ruleEffectiveFrom);
    }

    public Suppression suppression() {
        return new Suppression(minGroup);
    }

    private CoverageDtos.Rule ruleInForce() {
        return new CoverageDtos.Rule(ruleName, minEmployees, minYears, ruleEffectiveFrom);
    }

    /** A native query over the universe with the parameters its text names bound. */
    private Query query(String sql, KnownOrg root) {
        Query q = em.createNativeQuery(sql).setParameter("root", root.path).setParameter("zone", time.zone().getId());
        if (sql.contains(":minEmployees")) {
            q.setParameter("minEmployees", minEmployees)
                    .setParameter("establishedBy", Date.valueOf(rule().establishedBy(time.today())));
        }
        return q;
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public CoverageDtos.Totals totals(Long orgId) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        Object[] row = (Object[]) query("select count(*), count(*) filter (where f.union_founded_at is not null),"
                + " count(*) filter (where not f.registered), coalesce(sum(ins.n), 0) "
                + EnterpriseUniverse.IN_SUBTREE, root).getSingleResult();
        long members = ((Number) em.createNativeQuery("select count(*) from joined_member where left_at is null"
                + " and org_path <@ cast(?1 as ltree)").setParameter(1, root.path).getSingleResult()).longValue();
        long insured = n(row[3]);
        Suppression s = suppression();
        boolean hidden = s.hides(insured) || s.hides(members);
        return new CoverageDtos.Totals(root.id, root.path, n(row[0]), n(row[1]), n(row[2]),
                hidden ? null : insured, hidden ? null : members, hidden ? null : ratio(members, insured), hidden, minGroup);
    }

    /** Insured workers → ever members → members now, for the subtree; each stage withheld below the minimum group. */
    public CoverageDtos.Funnel funnel(Long orgId) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        Object[] row = (Object[]) query("select coalesce(sum(ins.n), 0), coalesce(sum(mat.members), 0),"
                + " coalesce(sum(mat.active), 0) " + EnterpriseUniverse.IN_SUBTREE, root).getSingleResult();
        Suppression s = suppression();
        return new CoverageDtos.Funnel(root.id, root.path, s.show(n(row[0]), n(row[0])), s.show(n(row[1]), n(row[1])),
                s.show(n(row[2]), n(row[2])), minGroup);
    }

    public Page<CoverageDtos.Grid> grids(Long orgId, PageRequest page) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        String grouped = "select coalesce(f.grid_code, '') as grid, count(*) as enterprises,"
                + " count(*) filter (where f.union_founded_at is not null) as with_union, coalesce(sum(ins.n), 0) as insured,"
                + " coalesce(sum(mem.n), 0) as members, count(*) filter (where " + EnterpriseUniverse.IS_TARGET + ") as targets,"
                + " coalesce(sum(mat.active), 0) as insured_members "
                + EnterpriseUniverse.IN_SUBTREE + " group by 1";
        long total = n(query("select count(*) from (" + grouped + ") g", root).getSingleResult());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select * from (" + grouped + ") g order by insured - members desc, grid", root)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Suppression s = suppression();
        List<CoverageDtos.Grid> grids = new ArrayList<>();
        for (Object[] r : rows) {
            long insured = n(r[3]);
            long members = n(r[4]);
            long insuredMembers = n(r[6]);
            boolean hidden = s.hides(insured);
            grids.add(new CoverageDtos.Grid(((String) r[0]).isEmpty() ? null : (String) r[0], n(r[1]), n(r[2]),
                    hidden ? null : insured, hidden ? null : members, hidden ? null : ratio(members, insured), hidden, n(r[5]),
                    hidden ? null : insuredMembers, hidden ? null : insured - insuredMembers,
                    hidden ? null : ratio(insuredMembers, insured)));
        }
        return new Page<>(grids, page.page(), page.size(), total);
    }

    /** Firms of the subtree with their insured workers and how many of them are members, the widest gap first. */
    public Page<CoverageDtos.Enterprise> enterprises(Long orgId, PageRequest page) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        long total = n(query("select count(*) " + EnterpriseUniverse.IN_SUBTREE, root).getSingleResult());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select f.credit_code, f.enterprise_id, f.name, f.registered, f.org_id, f.grid_code,"
                        + " f.union_founded_at is not null, ins.n, mat.active, ins.as_of "
                        + EnterpriseUniverse.IN_SUBTREE + " order by ins.n - mat.active desc, f.credit_code", root)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Suppression s = suppression();
        List<CoverageDtos.Enterprise> firms = new ArrayList<>();
        for (Object[] r : rows) {
            long insured = n(r[7]);
            long active = n(r[8]);
            boolean hidden = s.hides(insured);
            firms.add(new CoverageDtos.Enterprise((String) r[0], r[1] == null ? null : n(r[1]), (String) r[2], (Boolean) r[3],
                    n(r[4]), (String) r[5], (Boolean) r[6], hidden ? null : insured, hidden ? null : active,
                    hidden ? null : insured - active, hidden ? null : ratio(active, insured), localDate(r[9]), hidden));
        }
        return new Page<>(firms, page.page(), page.size(), total);
    }

    /** Firms of the subtree that only the partners' data names, the largest first. */
    public Page<CoverageDtos.BlindSpot> blindSpots(Long orgId, PageRequest page) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        String where = EnterpriseUniverse.IN_SUBTREE + " and not f.registered";
        long total = n(query("select count(*) " + where, root).getSingleResult());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select f.credit_code, f.placed_by, f.org_id, f.grid_code, tax.headcount, tax.period,"
                        + " ins.n, ins.as_of, ins.since, tax0.first_period, " + EnterpriseUniverse.IS_TARGET + ", "
                        + EnterpriseUniverse.EMPLOYEES + " as employees " + where + " order by employees desc, f.credit_code", root)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Suppression s = suppression();
        LocalDate today = time.today();
        List<CoverageDtos.BlindSpot> spots = new ArrayList<>();
        for (Object[] r : rows) {
            long insured = n(r[6]);
            LocalDate asOf = localDate(r[7]);
            FirmEvidence.Day since = FirmEvidence.inBusinessSince(null, localDate(r[8]), (String) r[9]);
            CoverageDtos.Figure tax = r[4] == null ? null : new CoverageDtos.Figure(n(r[4]), FirmEvidence.Source.TAX, (String) r[5]);
            CoverageDtos.Figure ins = asOf == null ? null : new CoverageDtos.Figure(insured, FirmEvidence.Source.SOCIAL_INSURANCE, asOf.toString());
            boolean hidden = ins != null && s.hides(insured);
            spots.add(new CoverageDtos.BlindSpot((String) r[0], EnterpriseUniverse.Placement.valueOf((String) r[1]), n(r[2]),
                    (String) r[3], tax, hidden ? null : ins, hidden, since(since, today), (Boolean) r[10]));
        }
        return new Page<>(spots, page.page(), page.size(), total);
    }

    /** Firms meeting the founding-target rule, the largest first (then the most insured workers, then oldest). */
    public Page<CoverageDtos.Target> targets(Long orgId, PageRequest page) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        String where = EnterpriseUniverse.IN_SUBTREE + " and " + EnterpriseUniverse.IS_TARGET;
        long total = n(query("select count(*) " + where, root).getSingleResult());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select f.enterprise_id, f.credit_code, f.name, f.org_id, f.grid_code, f.established_on, "
                        + EnterpriseUniverse.EMPLOYEES + " as employees, ins.n, (select l.status from enterprise_lead l"
                        + " where l.credit_code = f.credit_code), f.registered, f.placed_by, tax.headcount, tax.period, ins.as_of,"
                        + " ins.since, tax0.first_period, f.employee_count, " + EnterpriseUniverse.IN_BUSINESS_SINCE + " as in_business "
                        + where + " order by employees desc, ins.n desc, in_business, f.credit_code", root)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Suppression s = suppression();
        LocalDate today = time.today();
        CoverageDtos.Rule rule = ruleInForce();
        List<CoverageDtos.Target> targets = new ArrayList<>();
        int rank = page.offset();
        for (Object[] r : rows) {
            long insured = n(r[7]);
            Integer taxHeadcount = r[11] == null ? null : ((Number) r[11]).intValue();
            LocalDate asOf = localDate(r[13]);
            LocalDate established = localDate(r[5]);
            FirmEvidence.Figure employees = FirmEvidence.employees(taxHeadcount, (String) r[12], insured, asOf,
                    r[16] == null ? null : ((Number) r[16]).intValue());
            targets.add(new CoverageDtos.Target(++rank, r[0] == null ? null : n(r[0]), (String) r[1], (String) r[2],
                    (Boolean) r[9], EnterpriseUniverse.Placement.valueOf((String) r[10]), n(r[3]), (String) r[4], established,
                    since(FirmEvidence.inBusinessSince(established, localDate(r[14]), (String) r[15]), today),
                    ((Number) r[6]).intValue(), CoverageDtos.Figure.of(employees),
                    taxHeadcount == null ? null : new CoverageDtos.Figure(taxHeadcount, FirmEvidence.Source.TAX, (String) r[12]),
                    s.show(insured, insured), asOf, (String) r[8], rule));
        }
        return new Page<>(targets, page.page(), page.size(), total);
    }

    /** Admin: the org whose area covers a registration division, where the blind spots of that division are shown. */
    @Transactional
    public CoverageDtos.Division placeDivision(String divisionCode, CoverageDtos.DivisionRequest request) {
        if (divisionCode == null || !DIVISION.matcher(divisionCode).matches()) {
            throw ApiException.invalid("divisionCode", "must be the 6 digits of an administrative division, e.g. 310113");
        }
        if (request == null || request.orgId() == null) {
            throw ApiException.invalid("orgId", "is required");
        }
        KnownOrg org = scopes.visibleOrg(request.orgId(), "orgId");
        em.createNativeQuery("insert into division_org (division_code, org_id, org_path, set_by, set_at)"
                        + " values (?1, ?2, cast(?3 as ltree), ?4, ?5) on conflict (division_code) do update set"
                        + " org_id = excluded.org_id, org_path = excluded.org_path, set_by = excluded.set_by, set_at = excluded.set_at")
                .setParameter(1, divisionCode).setParameter(2, org.id).setParameter(3, org.path)
                .setParameter(4, scopes.username()).setParameter(5, time.now()).executeUpdate();
        return new CoverageDtos.Division(divisionCode, org.id, org.path, scopes.username());
    }

    public List<CoverageDtos.Division> divisions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select division_code, org_id, cast(org_path as text), set_by"
                + " from division_org order by division_code").getResultList();
        return rows.stream().map(r -> new CoverageDtos.Division((String) r[0], n(r[1]), (String) r[2], (String) r[3])).toList();
    }

    private static CoverageDtos.Since since(FirmEvidence.Day day, LocalDate today) {
        return day == null ? null : new CoverageDtos.Since(day.on(), day.source(), FirmEvidence.years(day, today));
    }

    static LocalDate localDate(Object value) {
        return value == null ? null : value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    static BigDecimal ratio(long members, long insured) {
        return insured == 0 ? null : BigDecimal.valueOf(members).divide(BigDecimal.valueOf(insured), 2, RoundingMode.HALF_UP);
    }
}
