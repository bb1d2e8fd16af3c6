package io.gucun.membership.election;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.ElectionEvents;
import io.gucun.events.membership.ElectionOffice;
import io.gucun.events.membership.ElectionOutcome;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberStatus;
import io.gucun.membership.org.UnionOrg;
import io.gucun.membership.workforce.Workforce;
import io.gucun.membership.workforce.WorkforceRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Elections of a union's chair or committee: calling one (officers of the union or above), secret ballots from the
 * member app, the count at the close and the published tally.
 */
@ApplicationScoped
public class ElectionService {

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    BusinessTime time;

    /** Turnout needed when the union's rules name none: more than half of the eligible members. */
    @Inject
    Workforce workforce;

    /** A grassroots union committee's term is three or five years (Trade Union Law, art. 15); five unless configured. */
    @ConfigProperty(name = "gucun.elections.chair-term-years", defaultValue = "5")
    int chairTermYears;

    @ConfigProperty(name = "gucun.elections.default-quorum", defaultValue = "1/2")
    String defaultQuorum;

    /** Votes needed to win when the union's rules name none: more than half of the valid ballots. */
    @ConfigProperty(name = "gucun.elections.default-majority", defaultValue = "1/2")
    String defaultMajority;

    @Transactional
    public Election call(ElectionDtos.NewElection r) {
        UnionOrg org = UnionOrg.findById(r.orgId());
        if (org == null) {
            throw ApiException.invalid("orgId", "does not name an existing organization");
        }
        caller.requireCovers(org.path);
        if (!org.isActive()) {
            throw ApiException.unprocessable("org-closed", "organization " + org.id + " is closed");
        }
        OffsetDateTime now = time.now();
        int seats = r.seats() == null ? 1 : r.seats();
        List<FieldError> errors = new ArrayList<>();
        String badSeats = ElectionRules.whyBadSeats(r.office(), seats);
        if (badSeats != null) {
            errors.add(new FieldError("seats", badSeats));
        }
        // Default: frozen now, or at the opening if voting has already begun.
        OffsetDateTime cutoff = r.cutoff() != null ? r.cutoff() : r.opensAt().isBefore(now) ? r.opensAt() : now;
        FieldError badSchedule = ElectionRules.whyBadSchedule(cutoff, r.opensAt(), r.closesAt(), now);
        if (badSchedule != null) {
            errors.add(badSchedule);
        }
        Threshold quorum = Threshold.parse(r.quorum() == null ? defaultQuorum : r.quorum());
        if (quorum == null) {
            errors.add(new FieldError("quorum", "must be a fraction below 1 such as 1/2 or 2/3"));
        }
        Threshold majority = Threshold.parse(r.majority() == null ? defaultMajority : r.majority());
        if (majority == null) {
            errors.add(new FieldError("majority", "must be a fraction below 1 such as 1/2 or 2/3"));
        }
        List<Long> candidates = r.candidateMemberIds();
        if (new HashSet<>(candidates).size() != candidates.size() || candidates.contains(null)) {
            errors.add(new FieldError("candidateMemberIds", "must name each candidate once"));
        } else if (badSeats == null && candidates.size() < seats) {
            errors.add(new FieldError("candidateMemberIds", "names " + candidates.size() + " candidates for " + seats + " seats"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }

        Election e = new Election();
        e.orgId = org.id;
        e.office = r.office();
        e.seats = seats;
        e.title = r.title().trim();
        e.cutoffAt = cutoff;
        e.opensAt = r.opensAt();
        e.closesAt = r.closesAt();
        e.quorum = quorum.toString();
        e.majority = majority.toString();
        e.status = Election.Status.SCHEDULED;
        e.createdAt = now;
        e.createdBy = caller.username();
        e.persist();
        em.flush();
        // The roll: whoever was a member of this union at the cut-off, by their membership periods.
        e.eligible = em.createNativeQuery("""
                insert into election_elector (election_id, member_id)
                select distinct :e, p.member_id from membership_period p
                 where p.org_id = :org and p.started_at <= :cutoff and (p.ended_at is null or p.ended_at > :cutoff)""")
                .setParameter("e", e.id).setParameter("org", org.id).setParameter("cutoff", cutoff).executeUpdate();
        Set<Long> roll = onRoll(e.id, candidates);
        List<FieldError> outside = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (!roll.contains(candidates.get(i))) {
                outside.add(new FieldError("candidateMemberIds[" + i + "]",
                        "is not a member of this union at the cut-off: a candidate must be one"));
            }
        }
        if (!outside.isEmpty()) {
            throw ApiException.invalid(outside);
        }
        for (Long memberId : candidates) {
            ElectionCandidate c = new ElectionCandidate();
            c.electionId = e.id;
            c.memberId = memberId;
            c.persist();
        }
        em.flush();
        return e;
    }

    @SuppressWarnings("unchecked")
    private Set<Long> onRoll(long electionId, List<Long> memberIds) {
        List<Number> found = em.createNativeQuery("""
                select member_id from election_elector where election_id = :e and member_id = any(cast(:ids as bigint[]))""")
                .setParameter("e", electionId).setParameter("ids", arrayLiteral(memberIds)).getResultList();
        return found.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    private static String arrayLiteral(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** The member linked to the caller's login (the member app's token), or null. */
    public Member callerMember() {
        return caller.subject().map(s -> (Member) Member.find("accountSubject", s).firstResult()).orElse(null);
    }

    private boolean isOnRoll(long electionId, long memberId) {
        return !onRoll(electionId, List.of(memberId)).isEmpty();
    }

    /**
     * An election the caller may see: admins, officers covering its union, and the union's members (those on its roll
     * and those who are members of the union now); 404 for anyone else.
     */
    public Election visible(long id) {
        Election e = Election.findById(id);
        if (e == null || !canSee(e)) {
            throw ApiException.notFound("election", id);
        }
        return e;
    }

    private boolean canSee(Election e) {
        if (caller.isAdmin() || caller.hasRole(Roles.OFFICER) && caller.covers(((UnionOrg) UnionOrg.findById(e.orgId)).path)) {
            return true;
        }
        Member m = callerMember();
        return m != null && (m.status == MemberStatus.ACTIVE && e.orgId.equals(m.orgId) || isOnRoll(e.id, m.id));
    }

    /** Elections of a union (officers covering it, admins), newest first. */
    public Page<Election> ofOrg(long orgId, PageRequest page) {
        UnionOrg org = UnionOrg.findById(orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("organization", orgId);
        }
        var q = Election.find("orgId = ?1 order by opensAt desc, id desc", orgId);
        long total = q.count();
        List<Election> items = q.page(page.page(), page.size()).list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** The elections the caller's member record is on the roll of, newest first (at most 50); none without a record. */
    @SuppressWarnings("unchecked")
    public List<Election> mine() {
        Member m = callerMember();
        if (m == null) {
            return List.of();
        }
        return em.createNativeQuery("""
                select e.* from election e join election_elector r on r.election_id = e.id
                 where r.member_id = :m order by e.opens_at desc, e.id desc limit 50""", Election.class)
                .setParameter("m", m.id).getResultList();
    }

    private Member requireCallerMember() {
        Member m = callerMember();
        if (m == null) {
            throw new ApiException(403, "not-a-member", "Forbidden",
                    "no member record is linked to your login; only members vote", null, null);
        }
        return m;
    }

    /** Whether the caller's member record has voted in the election (null when the caller is not a member). */
    public Boolean callerVoted(Election e) {
        Member m = callerMember();
        if (m == null) {
            return null;
        }
        Number n = (Number) em.createNativeQuery("select count(*) from election_turnout where election_id = :e and member_id = :m")
                .setParameter("e", e.id).setParameter("m", m.id).getSingleResult();
        return n.longValue() > 0;
    }

    /**
     * Casts the caller's secret ballot and returns its receipt. The turnout row and the ballot are written in one
     * transaction; the turnout row's primary key refuses a second ballot from the same member, also when two arrive
     * at once (the second waits for the first to commit, then finds the row and writes nothing).
     */
    @Transactional
    public ElectionDtos.BallotReceipt vote(long electionId, List<Long> choices) {
        Member m = requireCallerMember();
        // Shared lock: ballots go in side by side, the close waits for them and they for it.
        Election e = em.find(Election.class, electionId, LockModeType.PESSIMISTIC_READ);
        if (e == null) {
            throw ApiException.notFound("election", electionId);
        }
        ElectionRules.Phase phase = e.status == Election.Status.CLOSED ? ElectionRules.Phase.ENDED
                : ElectionRules.phase(e.opensAt, e.closesAt, time.now());
        if (phase != ElectionRules.Phase.OPEN) {
            throw new ApiException(422, phase == ElectionRules.Phase.NOT_OPEN ? "voting-not-open" : "voting-closed",
                    "Rule violated", "ballots are accepted from " + e.opensAt + " until " + e.closesAt, null,
                    Map.of("opensAt", e.opensAt.toString(), "closesAt", e.closesAt.toString()));
        }
        if (!isOnRoll(e.id, m.id)) {
            throw new ApiException(403, "not-eligible", "Forbidden",
                    "you are not on this election's roll: it holds the union's members at the cut-off " + e.cutoffAt,
                    null, Map.of("cutoffAt", e.cutoffAt.toString()));
        }
        Set<Long> candidateIds = ElectionCandidate.of(e.id).stream().map(c -> c.id).collect(Collectors.toSet());
        String bad = ElectionRules.whyBadBallot(choices, candidateIds, e.seats);
        if (bad != null) {
            throw ApiException.invalid("candidateIds", bad);
        }
        int turnout = em.createNativeQuery("""
                insert into election_turnout (election_id, member_id) values (:e, :m) on conflict do nothing""")
                .setParameter("e", e.id).setParameter("m", m.id).executeUpdate();
        if (turnout == 0) {
            throw ApiException.conflict("already-voted", "you have already cast your ballot in election " + e.id
                    + "; one member, one ballot", null);
        }
        String receipt = Receipts.newCode();
        String hash = Receipts.hash(receipt);
        em.createNativeQuery("""
                insert into election_ballot (id, election_id, receipt_hash, candidate_ids)
                values (:id, :e, :hash, cast(:choices as bigint[]))""")
                .setParameter("id", UUID.randomUUID()).setParameter("e", e.id).setParameter("hash", hash)
                .setParameter("choices", arrayLiteral(choices)).executeUpdate();
        return new ElectionDtos.BallotReceipt(e.id, receipt, hash);
    }

    /**
     * Closes the election after its window: counts the ballots under the election's rules, records the result (and
     * for a CHAIR election the member elected), puts the winners in the workforce register (CHAIR, or COMMITTEE_MEMBER
     * for each member elected to the committee, ending the sitting ones' terms the day before), rewrites the ballots
     * in random order and publishes ElectionHeld.
     */
    @Transactional
    public Election close(long electionId) {
        Election e = em.find(Election.class, electionId, LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !canSee(e)) {
            throw ApiException.notFound("election", electionId);
        }
        UnionOrg org = UnionOrg.findById(e.orgId);
        if (!caller.hasRole(Roles.OFFICER) && !caller.isAdmin() || !caller.covers(org.path)) {
            throw ApiException.forbidden("only an officer of the union or above closes its election");
        }
        if (e.status == Election.Status.CLOSED) {
            throw ApiException.conflict("election-closed", "election " + e.id + " was closed at " + e.closedAt,
                    Map.of("closedAt", e.closedAt.toString()));
        }
        OffsetDateTime now = time.now();
        if (ElectionRules.phase(e.opensAt, e.closesAt, now) != ElectionRules.Phase.ENDED) {
            throw new ApiException(422, "voting-not-ended", "Rule violated",
                    "the election closes after its window ends at " + e.closesAt, null,
                    Map.of("closesAt", e.closesAt.toString()));
        }
        List<ElectionCandidate> candidates = ElectionCandidate.of(e.id);
        List<List<Long>> ballots = ballots(e.id).stream().map(ElectionDtos.TalliedBallot::candidateIds).toList();
        ElectionRules.Result result = ElectionRules.count(e.eligible, candidates.stream().map(c -> c.id).toList(), ballots,
                e.seats, e.quorumThreshold(), e.majorityThreshold());
        Map<Long, Long> memberOf = new HashMap<>();
        for (ElectionCandidate c : candidates) {
            c.votes = result.votes().get(c.id);
            c.elected = result.elected().contains(c.id);
            memberOf.put(c.id, c.memberId);
        }
        List<Long> electedMembers = result.elected().stream().map(memberOf::get).toList();
        e.status = Election.Status.CLOSED;
        e.closedAt = now;
        e.closedBy = caller.username();
        e.ballotsCast = result.ballotsCast();
        e.validBallots = result.validBallots();
        e.quorumMet = result.quorumMet();
        e.outcome = result.outcome();
        e.electedChairMemberId = e.office == ElectionOffice.CHAIR && result.outcome() == ElectionOutcome.ELECTED
                ? electedMembers.getFirst() : null;
        // The register follows the ballot: the sitting chair's (committee's) term ends, the elected members' begins today.
        LocalDate from = time.today();
        WorkforceRules.Term term = new WorkforceRules.Term(from, from.plusYears(chairTermYears).minusDays(1));
        if (e.electedChairMemberId != null) {
            workforce.appointChair(e.orgId, e.electedChairMemberId, term, "election " + e.id);
        } else if (e.office == ElectionOffice.COMMITTEE && !electedMembers.isEmpty()) {
            workforce.appointCommittee(e.orgId, electedMembers, term, "election " + e.id);
        }
        // New rows in random order, all from this transaction: the table no longer shows who voted when.
        em.createNativeQuery("""
                with gone as (delete from election_ballot where election_id = :e
                              returning id, election_id, receipt_hash, candidate_ids)
                insert into election_ballot (id, election_id, receipt_hash, candidate_ids)
                select id, election_id, receipt_hash, candidate_ids from gone order by random()""")
                .setParameter("e", e.id).executeUpdate();
        outbox.record(ElectionEvents.AGGREGATE, e.id, "ElectionHeld", new ElectionEvents.ElectionHeld(e.id, e.orgId,
                e.office, e.seats, e.eligible, result.ballotsCast(), result.validBallots(), e.quorum, e.majority,
                result.quorumMet(), result.outcome(), electedMembers, now));
        em.flush();
        return e;
    }

    /** The ballots of an election, sorted by receipt hash. */
    @SuppressWarnings("unchecked")
    private List<ElectionDtos.TalliedBallot> ballots(long electionId) {
        List<Object[]> rows = em.createNativeQuery("""
                select receipt_hash, array_to_string(candidate_ids, ',') from election_ballot
                 where election_id = :e order by receipt_hash""").setParameter("e", electionId).getResultList();
        return rows.stream().map(r -> new ElectionDtos.TalliedBallot((String) r[0],
                ((String) r[1]).isEmpty() ? List.of()
                        : Arrays.stream(((String) r[1]).split(",")).map(Long::valueOf).toList())).toList();
    }

    /** The published tally of a closed election, for whoever may see the election. */
    public ElectionDtos.Tally tally(long electionId) {
        Election e = visible(electionId);
        if (e.status != Election.Status.CLOSED) {
            throw ApiException.conflict("election-not-closed",
                    "the tally is published when the election is closed, after " + e.closesAt, Map.of("closesAt", e.closesAt.toString()));
        }
        return new ElectionDtos.Tally(e.id, e.eligible, e.ballotsCast, e.validBallots, e.ballotsCast - e.validBallots,
                e.quorum, e.majority, e.quorumMet, e.outcome, candidates(e), ballots(e.id));
    }

    public List<ElectionDtos.CandidateView> candidates(Election e) {
        List<ElectionCandidate> cs = ElectionCandidate.of(e.id);
        Map<Long, String> names = new HashMap<>();
        for (ElectionCandidate c : cs) {
            Member m = Member.findById(c.memberId);
            names.put(c.memberId, m.name);
        }
        return ElectionDtos.candidates(cs, names);
    }

    public String phase(Election e) {
        return e.status == Election.Status.CLOSED ? "CLOSED" : ElectionRules.phase(e.opensAt, e.closesAt, time.now()).name();
    }

    public ElectionDtos.ElectionView view(Election e) {
        return new ElectionDtos.ElectionView(e.id, e.orgId, e.office, e.seats, e.title, e.cutoffAt, e.opensAt, e.closesAt,
                e.quorum, e.majority, e.eligible, phase(e), candidates(e), e.ballotsCast, e.validBallots, e.quorumMet,
                e.outcome, e.electedChairMemberId, e.closedAt, callerVoted(e));
    }
}
