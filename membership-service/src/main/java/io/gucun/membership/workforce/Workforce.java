package io.gucun.membership.workforce;

import io.gucun.common.api.NativePage;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.OrgPaths;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.UnionPost;
import io.gucun.events.membership.WorkforceEvents;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.OrgTreeRules;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The union workforce register: appointments of union workers to posts of orgs, and early ends of their terms. Each
 * change commits with its event (OfficerAppointed, OfficerTermEnded on membership.appointment.v1).
 */
@ApplicationScoped
public class Workforce {

    @Inject
    OrgService orgs;

    @Inject
    CallerScope caller;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @Transactional
    public WorkforceDtos.AppointmentView appoint(WorkforceDtos.NewAppointment r) {
        UnionOrg org = orgs.namedInScope(r.orgId(), "orgId");
        Appointment a = appointIn(org, r.post(), r.name(), r.login(), r.subject(), r.memberId(), r.termFrom(), r.termTo(),
                r.reason());
        return view(a, org);
    }

    /**
     * Makes a member the chair of a union from {@code term.from()} (e.g. after an election): the chair in term then, if
     * any, has their term ended the day before, and the member is appointed for the term. Runs in the caller's
     * transaction; the caller has checked who may do this. The login is the one the member's own appointments name, if any.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public WorkforceDtos.AppointmentView appointChair(long orgId, long memberId, WorkforceRules.Term term, String reason) {
        return appointElected(orgId, UnionPost.CHAIR, List.of(memberId), term, reason).getFirst();
    }

    /**
     * Makes the members elected to a union's committee its COMMITTEE_MEMBER posts from {@code term.from()}: the
     * election renews the whole committee (换届), so every committee member in term then has their term ended the day
     * before. Runs in the caller's transaction, like {@link #appointChair}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<WorkforceDtos.AppointmentView> appointCommittee(long orgId, List<Long> memberIds, WorkforceRules.Term term,
                                                                String reason) {
        return appointElected(orgId, UnionPost.COMMITTEE_MEMBER, memberIds, term, reason);
    }

    private List<WorkforceDtos.AppointmentView> appointElected(long orgId, UnionPost post, List<Long> memberIds,
                                                               WorkforceRules.Term term, String reason) {
        UnionOrg org = UnionOrg.findById(orgId);
        if (org == null) {
            throw ApiException.invalid("orgId", "does not name an existing organization");
        }
        lockRegisterOf(org.id);
        LocalDate dayBefore = term.from().minusDays(1);
        for (Appointment current : Appointment.<Appointment>list("orgId = ?1 and post = ?2", org.id, post)) {
            if (current.term().overlaps(term)) {
                if (current.termFrom.isAfter(dayBefore)) {
                    throw ApiException.conflict(post == UnionPost.CHAIR ? "chair-in-term" : "committee-in-term",
                            "a " + post + " term starts on or after " + term.from() + " (appointment " + current.id + ")",
                            Map.of("appointmentId", current.id));
                }
                end(current, org, dayBefore, reason);
            }
        }
        List<WorkforceDtos.AppointmentView> appointed = new ArrayList<>();
        for (long memberId : memberIds) {
            Object[] person = memberPerson(memberId);
            appointed.add(view(appointIn(org, post, (String) person[1], (String) person[0], null, memberId, term.from(),
                    term.to(), reason), org));
        }
        return appointed;
    }

    @Transactional
    public WorkforceDtos.AppointmentView endTerm(long id, WorkforceDtos.EndTerm r) {
        Appointment a = Appointment.findById(id);
        UnionOrg org = a == null ? null : UnionOrg.findById(a.orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("appointment", id);
        }
        lockRegisterOf(org.id);
        em.refresh(a);
        end(a, org, r.endedOn() == null ? today() : r.endedOn(), r.reason().trim());
        return view(a, org);
    }

    public WorkforceDtos.AppointmentView get(long id) {
        Appointment a = Appointment.findById(id);
        UnionOrg org = a == null ? null : UnionOrg.findById(a.orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("appointment", id);
        }
        return view(a, org);
    }

    /** Appointments at the orgs of an org's subtree, by org path, post and start; only those in term today by default. */
    public Page<WorkforceDtos.AppointmentView> list(long orgId, UnionPost post, Boolean inTerm, String login,
                                                    PageRequest page) {
        UnionOrg anchor = orgs.get(orgId);
        StringBuilder where = new StringBuilder(
                "from union_worker_appointment a join union_org o on o.id = a.org_id where o.path <@ cast(:path as ltree)");
        Map<String, Object> params = new HashMap<>();
        params.put("path", anchor.path);
        if (post != null) {
            where.append(" and a.post = :post");
            params.put("post", post.name());
        }
        if (login != null) {
            where.append(" and a.login = :login");
            params.put("login", WorkforceRules.normalizedLogin(login));
        }
        if (inTerm == null || inTerm) {
            where.append(" and a.term_from <= :today and (least(a.term_to, a.ended_on) is null or least(a.term_to, a.ended_on) >= :today)");
            params.put("today", today());
        }
        Page<Appointment> found = NativePage.of(em, where.toString(), "a.id", "o.path, a.post, a.term_from, a.id", params,
                page, Appointment.class);
        Map<Long, UnionOrg> orgsById = found.items().isEmpty() ? Map.of() : UnionOrg.<UnionOrg>list("id in ?1",
                        found.items().stream().map(a -> a.orgId).distinct().toList()).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        return found.map(a -> view(a, orgsById.get(a.orgId)));
    }

    private Appointment appointIn(UnionOrg org, UnionPost post, String name, String rawLogin, String subject,
                                  Long memberId, LocalDate termFrom, LocalDate termTo, String reason) {
        OrgTreeRules.requireActive(org);
        String login = WorkforceRules.normalizedLogin(rawLogin);
        WorkforceRules.requireValid(post, termFrom, termTo, login, memberId);
        String memberSubject = memberId == null ? null : requireMemberOf(org, memberId);
        // Appointments of one org are decided one at a time, so two chairs cannot slip in side by side.
        lockRegisterOf(org.id);
        WorkforceRules.Term term = new WorkforceRules.Term(termFrom, termTo);
        WorkforceRules.requireNoClash(Appointment.<Appointment>list("orgId = ?1 and post = ?2", org.id, post).stream()
                .map(Appointment::held).toList(), org.id, post, login, memberId, term);
        Appointment a = new Appointment();
        a.orgId = org.id;
        a.post = post;
        a.name = name.trim();
        a.login = login;
        // A member's own login, once linked, is the login that acts for them unless another subject is named.
        a.subject = subject == null || subject.isBlank() ? memberSubject : subject.trim();
        a.memberId = memberId;
        a.termFrom = termFrom;
        a.termTo = termTo;
        a.reason = reason == null || reason.isBlank() ? null : reason.trim();
        a.appointedAt = time.now();
        a.appointedBy = caller.username();
        a.persist();
        em.flush();
        outbox.record(WorkforceEvents.AGGREGATE, a.id, "OfficerAppointed", new WorkforceEvents.OfficerAppointed(a.id,
                org.id, org.path, post, login, memberId, termFrom, termTo, WorkforceRules.grantsOfficerScope(post), a.reason));
        return a;
    }

    /**
     * A member's posts follow their membership. Called in the transaction that publishes MemberLeft or
     * MemberTransferred: every appointment of the member whose term is not over before {@code day} ends — all of them
     * when the membership ended ({@code newOrgPath} null), else those of orgs whose subtree the member's new org
     * ({@code newOrgPath}) lies outside. Each end publishes OfficerTermEnded with {@code reason}. Returns how many ended.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int followMembership(long memberId, String newOrgPath, LocalDate day, String reason) {
        int ended = 0;
        for (Appointment a : Appointment.<Appointment>list("memberId = ?1 and endedOn is null order by id", memberId)) {
            UnionOrg org = UnionOrg.findById(a.orgId);
            if (newOrgPath != null && OrgPaths.isWithin(newOrgPath, org.path) || a.term().endsBefore(day)) {
                continue;
            }
            lockRegisterOf(org.id);
            em.refresh(a);
            if (a.endedOn == null) {
                record(a, org, WorkforceRules.lastDayServedWhenMembershipEnds(a.termFrom, day), reason);
                ended++;
            }
        }
        return ended;
    }

    private void end(Appointment a, UnionOrg org, LocalDate endedOn, String reason) {
        WorkforceRules.requireEndable(a.termFrom, a.termTo, a.endedOn, endedOn);
        record(a, org, endedOn, reason);
    }

    private void record(Appointment a, UnionOrg org, LocalDate endedOn, String reason) {
        a.endedOn = endedOn;
        a.endReason = reason;
        a.endedAt = time.now();
        a.endedBy = caller.username();
        em.flush();
        outbox.record(WorkforceEvents.AGGREGATE, a.id, "OfficerTermEnded", new WorkforceEvents.OfficerTermEnded(a.id,
                org.id, org.path, a.post, a.login, a.memberId, endedOn, reason));
    }

    /**
     * 400 naming memberId unless the member holds a membership in an org of {@code org}'s subtree; returns the
     * subject of the member's linked login, if any.
     */
    private String requireMemberOf(UnionOrg org, long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.status, cast(o.path as text), m.account_subject
                          from member m join union_org o on o.id = m.org_id where m.id = :id""")
                .setParameter("id", memberId).getResultList();
        if (rows.isEmpty() || !"ACTIVE".equals(rows.get(0)[0]) || !OrgPaths.isWithin((String) rows.get(0)[1], org.path)) {
            throw ApiException.invalid("memberId", "must name an active member of " + org.name + " or an org under it");
        }
        return (String) rows.get(0)[2];
    }

    /** The login of the member's latest appointment (if any) and their registered name. */
    private Object[] memberPerson(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select (select a.login from union_worker_appointment a
                                 where a.member_id = m.id and a.login is not null order by a.id desc limit 1), m.name
                          from member m where m.id = :id""")
                .setParameter("id", memberId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.invalid("memberId", "does not name a registered member");
        }
        return rows.get(0);
    }

    /** A transaction-scoped advisory lock per org's register (two ints: this table's name, the org id folded). */
    private void lockRegisterOf(long orgId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('union_worker_appointment'), :key)")
                .setParameter("key", Long.hashCode(orgId)).getSingleResult();
    }

    private LocalDate today() {
        return time.today();
    }

    private WorkforceDtos.AppointmentView view(Appointment a, UnionOrg org) {
        return new WorkforceDtos.AppointmentView(a.id, a.orgId, org.path, org.name, a.post, a.name, a.login, a.subject,
                a.memberId, a.termFrom, a.termTo, a.endedOn, a.reason, a.endReason, a.term().covers(today()),
                WorkforceRules.grantsOfficerScope(a.post), a.appointedAt, a.appointedBy);
    }
}
