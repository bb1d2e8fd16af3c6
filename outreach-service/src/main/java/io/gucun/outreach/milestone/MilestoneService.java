package io.gucun.outreach.milestone;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.time.BusinessTime;
import io.gucun.outreach.coverage.EnterpriseUniverse;
import io.gucun.outreach.coverage.FirmEvidence;
import io.gucun.outreach.membership.OrgScopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** 三同时 milestones of the firms in the enterprise universe, and the steps that are overdue. */
@ApplicationScoped
public class MilestoneService {

    private static final String FIRM_COLUMNS = "select f.credit_code, f.name, f.registered, f.org_id, cast(f.org_path as text),"
            + " f.grid_code, f.established_on, ins.since, tax0.first_period,"
            + " cast(f.union_founded_at at time zone cast(:zone as text) as date) ";

    @Inject
    EntityManager em;

    @Inject
    OrgScopes scopes;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.outreach.milestones.agreement-within", defaultValue = "P30D")
    Period agreementWithin;

    @ConfigProperty(name = "gucun.outreach.milestones.preparatory-group-within", defaultValue = "P3M")
    Period preparatoryGroupWithin;

    @ConfigProperty(name = "gucun.outreach.milestones.union-within", defaultValue = "P6M")
    Period unionWithin;

    @ConfigProperty(name = "gucun.outreach.milestones.effective-from", defaultValue = "2017-01-01")
    LocalDate effectiveFrom;

    public MilestonePolicy policy() {
        return new MilestonePolicy(agreementWithin, preparatoryGroupWithin, unionWithin, effectiveFrom);
    }

    /** A firm of the universe, with the days the register and the partners' data give. */
    private record Firm(String creditCode, String name, boolean registered, long orgId, String orgPath, String gridCode,
                        LocalDate established, LocalDate firstInsured, String firstTaxPeriod, LocalDate unionFoundedOn) {

        static Firm of(Object[] r) {
            return new Firm((String) r[0], (String) r[1], (Boolean) r[2], ((Number) r[3]).longValue(), (String) r[4],
                    (String) r[5], day(r[6]), day(r[7]), (String) r[8], day(r[9]));
        }
    }

    /** What officers recorded for one firm. */
    private record Recorded(Map<FoundingStage, LocalDate> reached, Map<FoundingStage, LocalDate> stepDone) {
        Recorded() {
            this(new EnumMap<>(FoundingStage.class), new EnumMap<>(FoundingStage.class));
        }
    }

    public MilestoneDtos.FirmMilestones get(String creditCode) {
        Firm firm = visibleFirm(creditCode);
        return view(firm, recorded("where credit_code = :creditCode", Map.of("creditCode", firm.creditCode()))
                .getOrDefault(firm.creditCode(), new Recorded()));
    }

    @Transactional
    public MilestoneDtos.FirmMilestones record(String creditCode, String stageName, MilestoneDtos.Record request) {
        FoundingStage stage = stage(stageName);
        if (request == null || (request.reachedOn() == null && request.stepDoneOn() == null)) {
            throw ApiException.invalid("reachedOn", "give reachedOn, stepDoneOn or both");
        }
        LocalDate today = time.today();
        if (request.reachedOn() != null && request.reachedOn().isAfter(today)) {
            throw ApiException.invalid("reachedOn", "must not be in the future");
        }
        if (request.stepDoneOn() != null && request.stepDoneOn().isAfter(today)) {
            throw ApiException.invalid("stepDoneOn", "must not be in the future");
        }
        Firm firm = visibleFirm(creditCode);
        em.createNativeQuery("insert into founding_milestone (credit_code, stage, reached_on, step_done_on, recorded_by, recorded_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (credit_code, stage) do update set"
                        + " reached_on = coalesce(excluded.reached_on, founding_milestone.reached_on),"
                        + " step_done_on = coalesce(excluded.step_done_on, founding_milestone.step_done_on),"
                        + " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at")
                .setParameter(1, firm.creditCode()).setParameter(2, stage.name())
                .setParameter(3, request.reachedOn() == null ? null : Date.valueOf(request.reachedOn()))
                .setParameter(4, request.stepDoneOn() == null ? null : Date.valueOf(request.stepDoneOn()))
                .setParameter(5, scopes.username()).setParameter(6, time.now()).executeUpdate();
        return get(firm.creditCode());
    }

    /** Steps past their deadline at the subtree's firms without a union, the longest overdue first. */
    public Page<MilestoneDtos.Overdue> overdue(Long orgId, PageRequest page) {
        KnownOrg root = scopes.subtreeRoot(orgId);
        String firmsWithoutUnion = EnterpriseUniverse.IN_SUBTREE + " and f.union_founded_at is null";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(FIRM_COLUMNS + firmsWithoutUnion)
                .setParameter("root", root.path).setParameter("zone", time.zone().getId()).getResultList();
        Map<String, Recorded> recorded = recorded("where credit_code in (select f.credit_code " + firmsWithoutUnion + ")",
                Map.of("root", root.path, "zone", time.zone().getId()));
        LocalDate today = time.today();
        List<MilestoneDtos.Overdue> overdue = new ArrayList<>();
        for (Object[] r : rows) {
            Firm firm = Firm.of(r);
            for (MilestonePolicy.Milestone m : plan(firm, recorded.getOrDefault(firm.creditCode(), new Recorded()), today)) {
                if (m.status() == MilestonePolicy.Status.OVERDUE) {
                    overdue.add(new MilestoneDtos.Overdue(firm.creditCode(), firm.name(), firm.registered(), firm.orgId(),
                            firm.gridCode(), m.stage(), m.unionStep(), m.reachedOn(), m.source(), m.deadline(),
                            ChronoUnit.DAYS.between(m.deadline(), today)));
                }
            }
        }
        overdue.sort(Comparator.comparing(MilestoneDtos.Overdue::deadline).thenComparing(MilestoneDtos.Overdue::creditCode)
                .thenComparing(MilestoneDtos.Overdue::stage));
        List<MilestoneDtos.Overdue> slice = overdue.subList(Math.min(page.offset(), overdue.size()),
                Math.min(page.offset() + page.size(), overdue.size()));
        return new Page<>(List.copyOf(slice), page.page(), page.size(), overdue.size());
    }

    private MilestoneDtos.FirmMilestones view(Firm firm, Recorded recorded) {
        List<MilestoneDtos.MilestoneView> milestones = plan(firm, recorded, time.today()).stream()
                .map(MilestoneDtos.MilestoneView::of).toList();
        return new MilestoneDtos.FirmMilestones(firm.creditCode(), firm.name(), firm.registered(), firm.orgId(), firm.gridCode(),
                firm.unionFoundedOn() != null, milestones, MilestoneDtos.Policy.of(policy()));
    }

    /**
     * The days each stage was reached: an officer's record first; else registration from the register's founding day,
     * operation from the firm's first insured worker or first tax period; construction only from officers.
     */
    private List<MilestonePolicy.Milestone> plan(Firm firm, Recorded recorded, LocalDate today) {
        Map<FoundingStage, MilestonePolicy.Reached> reached = new EnumMap<>(FoundingStage.class);
        recorded.reached().forEach((stage, on) -> reached.put(stage, new MilestonePolicy.Reached(on, FirmEvidence.Source.OFFICER)));
        if (firm.established() != null) {
            reached.putIfAbsent(FoundingStage.REGISTERED, new MilestonePolicy.Reached(firm.established(), FirmEvidence.Source.REGISTER));
        }
        FirmEvidence.Day operating = FirmEvidence.inBusinessSince(null, firm.firstInsured(), firm.firstTaxPeriod());
        if (operating != null) {
            reached.putIfAbsent(FoundingStage.OPERATING, new MilestonePolicy.Reached(operating.on(), operating.source()));
        }
        return policy().plan(reached, recorded.stepDone(), firm.unionFoundedOn(), today);
    }

    private Map<String, Recorded> recorded(String where, Map<String, Object> parameters) {
        var query = em.createNativeQuery("select credit_code, stage, reached_on, step_done_on from founding_milestone " + where);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<String, Recorded> byFirm = new HashMap<>();
        for (Object[] r : rows) {
            Recorded rec = byFirm.computeIfAbsent((String) r[0], c -> new Recorded());
            FoundingStage stage = FoundingStage.valueOf((String) r[1]);
            if (r[2] != null) {
                rec.reached().put(stage, day(r[2]));
            }
            if (r[3] != null) {
                rec.stepDone().put(stage, day(r[3]));
            }
        }
        return byFirm;
    }

    /** The firm in the universe, 404 when neither the register nor the partners name it, 403 outside the caller's scope. */
    private Firm visibleFirm(String raw) {
        String creditCode = CreditCode.normalize(raw);
        CreditCode.problemWith(creditCode).ifPresent(problem -> {
            throw ApiException.invalid("creditCode", problem);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(FIRM_COLUMNS + EnterpriseUniverse.ONE_FIRM)
                .setParameter("creditCode", creditCode).setParameter("zone", time.zone().getId()).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("firm in the register or the partners' data", creditCode);
        }
        Firm firm = Firm.of(rows.getFirst());
        scopes.requireCovers(firm.orgPath());
        return firm;
    }

    private static FoundingStage stage(String name) {
        try {
            return FoundingStage.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid("stage", "must be REGISTERED, CONSTRUCTION or OPERATING");
        }
    }

    private static LocalDate day(Object value) {
        return value == null ? null : value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
