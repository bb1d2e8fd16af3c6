package io.gucun.dues.subsidy;

import io.gucun.common.replica.KnownOrg;
import io.gucun.events.membership.AssessmentEvents.AssessmentClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * AssessmentClosed → the part-time chair's allowance for the year (prorated by the whole months in post), posted through the CHAIR_ALLOWANCE grant programme:
 * paid by the levels above out of their fund, owed when the fund cannot cover it. Decided once per assessment.
 */
@ApplicationScoped
public class ChairAllowances {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubsidyService subsidies;

    @Inject
    GrantService grants;

    /** Decides and posts the allowance of a closed assessment; a replay of the event finds the decision and does nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ChairAllowanceRules.Decision assessmentClosed(AssessmentClosed e) {
        List<?> earlier = em.createNativeQuery("select decision, share_percent from chair_allowance where assessment_id = ?1")
                .setParameter(1, e.assessmentId()).getResultList();
        if (!earlier.isEmpty()) {
            Object[] r = (Object[]) earlier.getFirst();
            return new ChairAllowanceRules.Decision(ChairAllowanceRules.Result.valueOf((String) r[0]), ((Number) r[1]).intValue());
        }
        KnownOrg org = KnownOrg.findById(e.orgId());
        if (org == null) {
            // the org's events come on their own topic; dead-lettered, the event is replayed once the org is known
            throw new IllegalStateException("org " + e.orgId() + " of assessment " + e.assessmentId() + " is not known yet");
        }
        LocalDate day = LocalDate.ofInstant(e.closedAt().toInstant(), clock.getZone());
        Optional<SubsidyRules.Policy> policy = SubsidyRules.inForce(subsidies.policies(), Programme.CHAIR_ALLOWANCE, org.path, day);
        BigDecimal satisfaction = e.satisfactionPercent() == null ? null : new BigDecimal(e.satisfactionPercent());
        int months = ChairAllowanceRules.monthsInPost(e.chairMonthsInPost());
        ChairAllowanceRules.Decision decision = ChairAllowanceRules.decide(org.kind, e.chairPartTime(), months,
                e.resultShown(), satisfaction, policy.map(p -> subsidies.scale(p.id())).orElse(null));
        long amount = 0;
        Long grantId = null;
        if (decision.pays()) {
            int share = decision.sharePercent();
            Optional<GrantService.Outcome> outcome = grants.request(Programme.CHAIR_ALLOWANCE, e.assessmentId(), org.id, org.path,
                    e.closedAt(), "grant:chair-allowance:assessment:" + e.assessmentId(), "part-time chair's allowance for "
                            + e.year() + " (" + months + " of 12 months, " + share + "%), union " + org.id
                            + ", assessment " + e.assessmentId(),
                    monthly -> ChairAllowanceRules.yearFen(monthly, months, share));
            if (outcome.isPresent()) {
                grantId = outcome.get().grantId();
                amount = outcome.get().paid().stream().mapToLong(SubsidyRules.Payment::fen).sum()
                        + outcome.get().owed().stream().mapToLong(SubsidyRules.Payment::fen).sum();
            }
        }
        em.createNativeQuery("insert into chair_allowance (assessment_id, org_id, year, chair_member_id, decision,"
                        + " satisfaction_percent, policy_id, share_percent, amount_fen, grant_id, closed_at, decided_at,"
                        + " months_in_post) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                        + " on conflict (assessment_id) do nothing")
                .setParameter(1, e.assessmentId()).setParameter(2, org.id).setParameter(3, e.year())
                .setParameter(4, e.chairMemberId()).setParameter(5, decision.result().name()).setParameter(6, satisfaction)
                .setParameter(7, policy.map(SubsidyRules.Policy::id).orElse(null)).setParameter(8, decision.sharePercent())
                .setParameter(9, amount).setParameter(10, grantId).setParameter(11, e.closedAt())
                .setParameter(12, Instant.now(clock)).setParameter(13, months).executeUpdate();
        return decision;
    }
}
