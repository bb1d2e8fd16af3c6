package io.gucun.membership.workforce;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.UnionPost;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the union workforce register. A term runs from its first to its last day (inclusive; open-ended when
 * there is no last day); ending it early moves the last day to the day it ended. A union has at most one chair in term
 * on any day; one person (login or member) holds a post of an org at most once at a time. Chairs, activists and
 * committee members are members of the union they serve (the member must belong to an org of its subtree), and their
 * posts end with that membership. Every post but activist and committee member acts for the union, so its login gets
 * the officer's scope (a committee member who also serves as an officer is appointed to that post too).
 */
public final class WorkforceRules {

    /** Posts held by members of the union they serve. */
    public static final Set<UnionPost> HELD_BY_MEMBERS = EnumSet.of(UnionPost.CHAIR, UnionPost.ACTIVIST,
            UnionPost.COMMITTEE_MEMBER);

    /** A term: {@code to} is the last day, null when open-ended. */
    public record Term(LocalDate from, LocalDate to) {

        public boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }

        /** A term that ended before it began (the member left before taking up the post): it covers no day. */
        public boolean empty() {
            return to != null && to.isBefore(from);
        }

        /** Whether the term's last day came before {@code day}. */
        public boolean endsBefore(LocalDate day) {
            return to != null && to.isBefore(day);
        }

        public boolean overlaps(Term other) {
            if (empty() || other.empty()) {
                return false;
            }
            return (to == null || !other.from.isAfter(to)) && (other.to == null || !from.isAfter(other.to));
        }
    }

    /** An appointment as the rules see it; {@code term} is the effective one (an early end applied). */
    public record Held(long id, long orgId, UnionPost post, String login, Long memberId, Term term) {

        boolean samePerson(String otherLogin, Long otherMemberId) {
            return (login != null && login.equals(otherLogin)) || (memberId != null && memberId.equals(otherMemberId));
        }
    }

    private WorkforceRules() {
    }

    public static boolean grantsOfficerScope(UnionPost post) {
        return post != UnionPost.ACTIVIST && post != UnionPost.COMMITTEE_MEMBER;
    }

    /** The term as effective: the planned last day, or the day it ended early if that came first. */
    public static Term effective(LocalDate termFrom, LocalDate termTo, LocalDate endedOn) {
        if (endedOn == null) {
            return new Term(termFrom, termTo);
        }
        return new Term(termFrom, termTo == null || endedOn.isBefore(termTo) ? endedOn : termTo);
    }

    /** 400 naming the field: a term must not end before it starts; a chair or activist must name the member. */
    public static void requireValid(UnionPost post, LocalDate termFrom, LocalDate termTo, String login, Long memberId) {
        if (termTo != null && termTo.isBefore(termFrom)) {
            throw ApiException.invalid("termTo", "must not be before termFrom");
        }
        if (HELD_BY_MEMBERS.contains(post) && memberId == null) {
            throw ApiException.invalid("memberId", "a " + post + " is a member of the union: name the member");
        }
        if (login == null && memberId == null) {
            throw ApiException.invalid("login", "name the login that acts for the worker, or the member they are");
        }
    }

    /**
     * 409 when the new appointment collides with one already in the register ({@code existing}: the same org's
     * appointments): a second chair in term, or the same person twice in the same post at the same time.
     */
    public static void requireNoClash(Collection<Held> existing, long orgId, UnionPost post, String login, Long memberId,
                                      Term term) {
        for (Held h : existing) {
            if (h.orgId() != orgId || h.post() != post || !h.term().overlaps(term)) {
                continue;
            }
            if (post == UnionPost.CHAIR) {
                throw ApiException.conflict("chair-in-term", "the union has a chair in term then (appointment " + h.id()
                        + "); end that term first", Map.of("appointmentId", h.id()));
            }
            if (h.samePerson(login, memberId)) {
                throw ApiException.conflict("already-appointed", "this person already holds that post then (appointment "
                        + h.id() + ")", Map.of("appointmentId", h.id()));
            }
        }
    }

    /**
     * Checks that a term can end on {@code endedOn} (its last day served): not already ended (409), not before it
     * started and not after its planned last day (400 naming {@code endedOn}).
     */
    public static void requireEndable(LocalDate termFrom, LocalDate termTo, LocalDate alreadyEndedOn, LocalDate endedOn) {
        if (alreadyEndedOn != null) {
            throw ApiException.conflict("term-ended", "the term already ended on " + alreadyEndedOn,
                    Map.of("endedOn", alreadyEndedOn.toString()));
        }
        if (endedOn.isBefore(termFrom)) {
            throw ApiException.invalid("endedOn", "must not be before the term started (" + termFrom + ")");
        }
        if (termTo != null && endedOn.isAfter(termTo)) {
            throw ApiException.invalid("endedOn", "must not be after the term's last day (" + termTo + ")");
        }
    }

    /**
     * The last day served when the member's membership ends (or moves out of the post's union) on {@code day}: the day
     * before, since on {@code day} they no longer belong to the union; a term that had not begun by {@code day} ends
     * the day before it would have begun, so it covers no day.
     */
    public static LocalDate lastDayServedWhenMembershipEnds(LocalDate termFrom, LocalDate day) {
        LocalDate dayBefore = day.minusDays(1);
        return dayBefore.isBefore(termFrom) ? termFrom.minusDays(1) : dayBefore;
    }

    /** A login as Keycloak keeps usernames (trimmed, lower case), so one person has one spelling; null when blank. */
    public static String normalizedLogin(String login) {
        return login == null || login.isBlank() ? null : login.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
