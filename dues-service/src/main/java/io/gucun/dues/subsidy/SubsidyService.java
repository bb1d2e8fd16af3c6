package io.gucun.dues.subsidy;

import io.gucun.common.money.Money;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.replica.KnownOrg;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.dues.SubsidyEvents;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The grants membership events trigger (recruitment, "两非一无", start-up), once per subject whatever happens to the events. */
@ApplicationScoped
public class SubsidyService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    GrantService grants;

    /**
     * The recruitment subsidy for a member who joined, and the "两非一无" funding when MemberRegistered said the member
     * works outside standard employment. Returns true when a recruitment grant was recorded now (paid or owed); false
     * for a member granted before, or with nobody to pay.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @WithSpan("subsidy posting")
    public boolean memberJoined(long memberId, long orgId, String orgPath, OffsetDateTime joinedAt) {
        KnownOrg org = KnownOrg.findById(orgId);
        String path = org != null ? org.path : orgPath;
        if (path == null) {
            throw new IllegalArgumentException("org " + orgId + " is unknown and the event names no path");
        }
        if (nonStandard(memberId)) {
            grants.request(Programme.NONSTANDARD_MEMBER, memberId, orgId, path, joinedAt, "grant:nonstandard:member:" + memberId,
                    "\"两非一无\" funding for member " + memberId + " of org " + orgId);
        }
        Optional<GrantService.Outcome> outcome = grants.request(Programme.RECRUITMENT_SUBSIDY, memberId, orgId, path, joinedAt,
                "subsidy:member:" + memberId, "subsidy for member " + memberId + " recruited by org " + orgId);
        if (outcome.isEmpty()) {
            return false;
        }
        GrantService.Outcome o = outcome.get();
        List<SubsidyRules.Payment> all = new java.util.ArrayList<>(o.paid());
        all.addAll(o.owed());
        long district = all.stream().filter(p -> p.level().equals("DISTRICT")).mapToLong(SubsidyRules.Payment::fen).sum();
        long town = all.stream().filter(p -> p.level().equals("TOWN")).mapToLong(SubsidyRules.Payment::fen).sum();
        Long districtOrg = all.stream().filter(p -> p.level().equals("DISTRICT")).map(SubsidyRules.Payment::orgId).findFirst().orElse(null);
        Long townOrg = all.stream().filter(p -> p.level().equals("TOWN")).map(SubsidyRules.Payment::orgId).findFirst().orElse(null);
        em.createNativeQuery("insert into subsidy_grant (member_id, org_id, joined_at, period, policy_id, district_org_id,"
                        + " district_fen, town_org_id, town_fen, journal_entry_id, granted_at, grant_id)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) on conflict (member_id) do nothing")
                .setParameter(1, memberId).setParameter(2, orgId).setParameter(3, joinedAt).setParameter(4, o.period().toString())
                .setParameter(5, o.policy().id()).setParameter(6, districtOrg).setParameter(7, district).setParameter(8, townOrg)
                .setParameter(9, town).setParameter(10, o.owed().isEmpty() ? o.entry().entryId() : null)
                .setParameter(11, Instant.now(clock)).setParameter(12, o.grantId()).executeUpdate();
        if (o.entry() != null) {
            long paid = o.paid().stream().mapToLong(SubsidyRules.Payment::fen).sum();
            outbox.record(SubsidyEvents.AGGREGATE, memberId, "SubsidyPosted", new SubsidyEvents.SubsidyPosted(memberId, orgId,
                    o.period().month(), o.policy().version(), o.paid().stream()
                    .map(p -> new SubsidyEvents.SubsidyPosted.Payer(p.level(), p.orgId(), Money.format(p.fen()))).toList(),
                    Money.format(paid), Money.CURRENCY, o.entry().entryId(), o.entry().transactionId()));
        }
        return true;
    }

    /** Remembers how a registered person works (MemberRegistered); the latest registration event wins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void memberRegistered(long memberId, EmploymentForm form) {
        em.createNativeQuery("insert into known_member_form (member_id, employment_form) values (?1, ?2)"
                        + " on conflict (member_id) do update set employment_form = excluded.employment_form")
                .setParameter(1, memberId).setParameter(2, form.name()).executeUpdate();
    }

    /** Informal, platform/gig or dispatched work: the "两非一无" the city's programme funds. */
    static final java.util.Set<EmploymentForm> NON_STANDARD = java.util.EnumSet.of(EmploymentForm.INFORMAL,
            EmploymentForm.PLATFORM_GIG, EmploymentForm.DISPATCHED);

    private boolean nonStandard(long memberId) {
        List<?> rows = em.createNativeQuery("select employment_form from known_member_form where member_id = ?1")
                .setParameter(1, memberId).getResultList();
        return !rows.isEmpty() && NON_STANDARD.contains(EmploymentForm.valueOf((String) rows.getFirst()));
    }

    /** The start-up grant for a union just founded (UnionFounded), once per enterprise. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unionFounded(long enterpriseId, long unionOrgId, String orgPath, OffsetDateTime foundedAt) {
        grants.request(Programme.UNION_STARTUP, enterpriseId, unionOrgId, orgPath, foundedAt,
                "grant:startup:enterprise:" + enterpriseId, "start-up grant for the union " + unionOrgId + " founded by enterprise "
                        + enterpriseId);
    }

    /**
     * Adds the next policy version, PENDING until a second officer approves it (maker-checker); the table lock numbers
     * versions without gaps, one writer at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Added addPolicy(Programme programme, String regionPath, LocalDate validFrom, long cityFen, long districtFen, long townFen,
                           String note, String createdBy, ChairAllowanceRules.Scale scale) {
        em.createNativeQuery("lock table subsidy_policy in share row exclusive mode").executeUpdate();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from subsidy_policy").getSingleResult()).intValue();
        long id = ((Number) em.createNativeQuery("insert into subsidy_policy (version, valid_from, district_fen, town_fen, note,"
                        + " created_at, created_by, programme, region_path, city_fen, full_from_percent, reduced_from_percent,"
                        + " reduced_share_percent, status) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as ltree), ?10, ?11, ?12,"
                        + " ?13, 'PENDING') returning id")
                .setParameter(1, version).setParameter(2, validFrom)
                .setParameter(3, districtFen).setParameter(4, townFen).setParameter(5, note).setParameter(6, Instant.now(clock))
                .setParameter(7, createdBy).setParameter(8, programme.name()).setParameter(9, regionPath).setParameter(10, cityFen)
                .setParameter(11, scale == null ? null : scale.fullFromPercent())
                .setParameter(12, scale == null ? null : scale.reducedFromPercent())
                .setParameter(13, scale == null ? null : scale.reducedSharePercent()).getSingleResult()).longValue();
        return new Added(id, version);
    }

    /** A version just proposed: its row id (what the approval names) and its number. */
    public record Added(long id, int version) {
    }

    /** The path of the org a policy's region is rooted at; 400 naming regionOrgId when there is none. */
    public String regionPath(long regionOrgId) {
        KnownOrg org = KnownOrg.findById(regionOrgId);
        if (org == null) {
            throw io.gucun.common.problem.ApiException.invalid("regionOrgId", "names no organization");
        }
        return org.path;
    }

    /** The approved versions, the only ones grants are decided by. */
    public List<SubsidyRules.Policy> policies() {
        return versions().stream().filter(v -> v.status().equals("APPROVED")).map(Version::policy).toList();
    }

    /** A policy version with where it stands in maker-checker: PENDING, APPROVED or REJECTED. */
    public record Version(SubsidyRules.Policy policy, String status) {
    }

    /** Every version, oldest first, whatever its status. */
    @SuppressWarnings("unchecked")
    public List<Version> versions() {
        List<Object[]> rows = em.createNativeQuery("select id, version, programme, region_path::text, valid_from, city_fen,"
                + " district_fen, town_fen, status from subsidy_policy order by version").getResultList();
        return rows.stream().map(r -> new Version(new SubsidyRules.Policy(((Number) r[0]).longValue(), ((Number) r[1]).intValue(),
                Programme.valueOf((String) r[2]), (String) r[3],
                r[4] instanceof LocalDate d ? d : ((java.sql.Date) r[4]).toLocalDate(), ((Number) r[5]).longValue(),
                ((Number) r[6]).longValue(), ((Number) r[7]).longValue()), (String) r[8])).toList();
    }

    /** The scale of a CHAIR_ALLOWANCE policy version (the migration's constraint makes it complete). */
    public ChairAllowanceRules.Scale scale(long policyId) {
        Object[] r = (Object[]) em.createNativeQuery("select full_from_percent, reduced_from_percent, reduced_share_percent"
                + " from subsidy_policy where id = ?1").setParameter(1, policyId).getSingleResult();
        return new ChairAllowanceRules.Scale((BigDecimal) r[0], (BigDecimal) r[1], ((Number) r[2]).intValue());
    }

    public Optional<SubsidyRules.Policy> policy(int version) {
        return policies().stream().filter(p -> p.version() == version).findFirst();
    }
}
