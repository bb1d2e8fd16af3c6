package io.gucun.membership.assessment;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.AssessmentEvents;
import io.gucun.events.membership.ElectionOffice;
import io.gucun.membership.election.Election;
import io.gucun.membership.election.ElectionRules;
import io.gucun.membership.election.ElectionService;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberStatus;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The members' yearly assessment of their union's chair: opened and closed by officers, rated from the member app. */
@ApplicationScoped
public class AssessmentService {

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    BusinessTime time;

    @Inject
    ElectionService elections;

    /** Fewest raters whose counts are shown when an assessment is opened without its own minimum. */
    @ConfigProperty(name = "gucun.assessments.default-min-raters", defaultValue = "10")
    int defaultMinRaters;

    @Transactional
    public ChairAssessment open(AssessmentDtos.NewAssessment r) {
        UnionOrg org = UnionOrg.findById(r.orgId());
        if (org == null) {
            throw ApiException.invalid("orgId", "does not name an existing organization");
        }
        caller.requireCovers(org.path);
        FieldError bad = AssessmentRules.whyBadWindow(r.year(), r.opensAt(), r.closesAt());
        if (bad != null) {
            throw ApiException.invalid(List.of(bad));
        }
        Long chair = r.chairMemberId();
        if (chair == null) {
            Election last = Election.find("orgId = ?1 and office = ?2 and electedChairMemberId is not null "
                    + "order by closedAt desc", org.id, ElectionOffice.CHAIR).firstResult();
            if (last == null) {
                throw ApiException.invalid("chairMemberId", "is required: the union has elected no chair here");
            }
            chair = last.electedChairMemberId;
        }
        Member m = Member.findById(chair);
        if (m == null || m.status != MemberStatus.ACTIVE || !org.id.equals(m.orgId)) {
            throw ApiException.invalid("chairMemberId", "is not a member of this union");
        }
        if (ChairAssessment.count("orgId = ?1 and year = ?2", org.id, r.year()) > 0) {
            throw ApiException.conflict("assessment-exists", "the chair of organization " + org.id
                    + " is already assessed for " + r.year(), Map.of("year", r.year()));
        }
        ChairAssessment a = new ChairAssessment();
        a.orgId = org.id;
        a.year = r.year();
        a.chairMemberId = chair;
        a.opensAt = r.opensAt();
        a.closesAt = r.closesAt();
        a.minRaters = r.minRaters() == null ? defaultMinRaters : r.minRaters();
        a.status = ChairAssessment.Status.OPEN;
        a.createdAt = time.now();
        a.createdBy = caller.username();
        a.persist();
        em.flush();
        return a;
    }

    private Member callerMember() {
        return elections.callerMember();
    }

    private static boolean memberOf(Member m, long orgId) {
        return m != null && m.status == MemberStatus.ACTIVE && m.orgId != null && m.orgId == orgId;
    }

    /** An assessment the caller may see: admins, officers covering the union, the union's members; else 404. */
    public ChairAssessment visible(long id) {
        ChairAssessment a = ChairAssessment.findById(id);
        if (a == null || !(caller.isAdmin()
                || caller.hasRole(Roles.OFFICER) && caller.covers(((UnionOrg) UnionOrg.findById(a.orgId)).path)
                || memberOf(callerMember(), a.orgId))) {
            throw ApiException.notFound("assessment", id);
        }
        return a;
    }

    public Page<ChairAssessment> ofOrg(long orgId, PageRequest page) {
        UnionOrg org = UnionOrg.findById(orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("organization", orgId);
        }
        var q = ChairAssessment.find("orgId = ?1 order by year desc", orgId);
        return new Page<>(q.page(page.page(), page.size()).list(), page.page(), page.size(), q.count());
    }

    /** The assessments of the caller's own union, latest year first (none without a member record). */
    public List<ChairAssessment> mine() {
        Member m = callerMember();
        if (m == null || m.status != MemberStatus.ACTIVE || m.orgId == null) {
            return List.of();
        }
        return ChairAssessment.find("orgId = ?1 order by year desc", m.orgId).page(0, 20).list();
    }

    /**
     * Counts the caller's rating. Only a member of the chair's union, only in the window, once; the rater row's
     * primary key refuses a second rating even from two requests at once, and the rating itself is only a count.
     */
    @Transactional
    public void rate(long id, AssessmentRating rating) {
        Member m = callerMember();
        if (m == null) {
            throw new ApiException(403, "not-a-member", "Forbidden",
                    "no member record is linked to your login; only members rate their chair", null, null);
        }
        ChairAssessment a = em.find(ChairAssessment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("assessment", id);
        }
        ElectionRules.Phase phase = phase(a);
        if (phase != ElectionRules.Phase.OPEN) {
            throw new ApiException(422, phase == ElectionRules.Phase.NOT_OPEN ? "rating-not-open" : "rating-closed",
                    "Rule violated", "ratings are accepted from " + a.opensAt + " until " + a.closesAt, null,
                    Map.of("opensAt", a.opensAt.toString(), "closesAt", a.closesAt.toString()));
        }
        if (!memberOf(m, a.orgId)) {
            throw new ApiException(403, "not-a-member-of-union", "Forbidden",
                    "only members of the union rate its chair", null, Map.of("orgId", a.orgId));
        }
        if (m.id.equals(a.chairMemberId)) {
            throw ApiException.unprocessable("own-assessment", "the chair does not rate themself");
        }
        int rater = em.createNativeQuery("""
                insert into chair_assessment_rater (assessment_id, member_id) values (:a, :m) on conflict do nothing""")
                .setParameter("a", a.id).setParameter("m", m.id).executeUpdate();
        if (rater == 0) {
            throw ApiException.conflict("already-rated", "you have already rated the chair in assessment " + a.id, null);
        }
        switch (rating) {
            case SATISFIED -> a.satisfied++;
            case BASICALLY_SATISFIED -> a.basicallySatisfied++;
            case DISSATISFIED -> a.dissatisfied++;
        }
        em.flush();
    }

    private ElectionRules.Phase phase(ChairAssessment a) {
        return a.status == ChairAssessment.Status.CLOSED ? ElectionRules.Phase.ENDED
                : ElectionRules.phase(a.opensAt, a.closesAt, time.now());
    }

    /** Closes the assessment after its window and publishes AssessmentClosed (counts only over the minimum). */
    @Transactional
    public ChairAssessment close(long id) {
        ChairAssessment a = em.find(ChairAssessment.class, id, LockModeType.PESSIMISTIC_WRITE);
        UnionOrg org = a == null ? null : UnionOrg.findById(a.orgId);
        if (a == null || !caller.hasRole(Roles.OFFICER) && !caller.isAdmin() || !caller.covers(org.path)) {
            throw ApiException.notFound("assessment", id);
        }
        if (a.status == ChairAssessment.Status.CLOSED) {
            throw ApiException.conflict("assessment-closed", "assessment " + a.id + " was closed at " + a.closedAt,
                    Map.of("closedAt", a.closedAt.toString()));
        }
        if (phase(a) != ElectionRules.Phase.ENDED) {
            throw new ApiException(422, "rating-not-ended", "Rule violated",
                    "the assessment closes after its window ends at " + a.closesAt, null, Map.of("closesAt", a.closesAt.toString()));
        }
        OffsetDateTime now = time.now();
        a.status = ChairAssessment.Status.CLOSED;
        a.closedAt = now;
        a.closedBy = caller.username();
        boolean shown = AssessmentRules.shown(a.raters(), a.minRaters);
        BigDecimal percent = shown ? AssessmentRules.satisfactionPercent(a.satisfied, a.basicallySatisfied, a.dissatisfied) : null;
        outbox.record(AssessmentEvents.AGGREGATE, a.id, "AssessmentClosed", new AssessmentEvents.AssessmentClosed(a.id,
                a.orgId, a.year, a.chairMemberId, a.raters(), a.minRaters, shown, shown ? a.satisfied : null,
                shown ? a.basicallySatisfied : null, shown ? a.dissatisfied : null,
                percent == null ? null : percent.toPlainString(), now,
                !fullTimeOfficer(a.orgId, a.chairMemberId, time.dayOf(now)),
                AssessmentRules.monthsInPost(a.year, chairTerms(a.orgId, a.chairMemberId))));
        em.flush();
        return a;
    }

    /** Whether the member holds a FULL_TIME_OFFICER post of the union in the register on {@code day} (a full-time chair). */
    private boolean fullTimeOfficer(long orgId, long memberId, java.time.LocalDate day) {
        return ((Number) em.createNativeQuery("""
                select count(*) from union_worker_appointment where org_id = :o and member_id = :m
                   and post = 'FULL_TIME_OFFICER' and term_from <= :d
                   and (least(term_to, ended_on) is null or least(term_to, ended_on) >= :d)""")
                .setParameter("o", orgId).setParameter("m", memberId).setParameter("d", day).getSingleResult())
                .longValue() > 0;
    }

    /** The member's terms as the union's CHAIR in the register, an early end applied. */
    private List<AssessmentRules.Term> chairTerms(long orgId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select term_from, least(term_to, ended_on)
                  from union_worker_appointment where org_id = :o and member_id = :m and post = 'CHAIR'""")
                .setParameter("o", orgId).setParameter("m", memberId).getResultList();
        return rows.stream().map(r -> new AssessmentRules.Term(day(r[0]), day(r[1])))
                .toList();
    }

    /** A date column as the driver returns it (null for none). */
    private static java.time.LocalDate day(Object sqlDate) {
        return sqlDate instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) sqlDate;
    }

    public AssessmentDtos.AssessmentView view(ChairAssessment a) {
        boolean shown = a.status == ChairAssessment.Status.CLOSED && AssessmentRules.shown(a.raters(), a.minRaters);
        Member chair = Member.findById(a.chairMemberId);
        Member me = callerMember();
        Boolean youRated = memberOf(me, a.orgId) ? ((Number) em.createNativeQuery(
                "select count(*) from chair_assessment_rater where assessment_id = :a and member_id = :m")
                .setParameter("a", a.id).setParameter("m", me.id).getSingleResult()).longValue() > 0 : null;
        return new AssessmentDtos.AssessmentView(a.id, a.orgId, a.year, a.chairMemberId, chair.name, a.opensAt, a.closesAt,
                a.minRaters, a.status == ChairAssessment.Status.CLOSED ? "CLOSED" : phase(a).name(), a.raters(), shown,
                shown ? a.satisfied : null, shown ? a.basicallySatisfied : null, shown ? a.dissatisfied : null,
                shown ? AssessmentRules.satisfactionPercent(a.satisfied, a.basicallySatisfied, a.dissatisfied) : null,
                a.closedAt, youRated);
    }
}
