package io.gucun.membership.election;

import io.gucun.common.problem.FieldError;
import io.gucun.events.membership.ElectionOffice;
import io.gucun.events.membership.ElectionOutcome;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a democratic election (规范民主选举) as a union's rules state them: who may stand, when ballots may be
 * cast, what a ballot may contain, and how the result follows from the count. Plain code: no persistence, no clock.
 */
public final class ElectionRules {

    /** The longest voting window: a ballot is a matter of days, not a standing poll. */
    public static final int MAX_WINDOW_DAYS = 31;

    private ElectionRules() {
    }

    /** Where in its window an election is at {@code now}. */
    public enum Phase {
        NOT_OPEN, OPEN, ENDED
    }

    public static Phase phase(OffsetDateTime opensAt, OffsetDateTime closesAt, OffsetDateTime now) {
        if (now.isBefore(opensAt)) {
            return Phase.NOT_OPEN;
        }
        return now.isBefore(closesAt) ? Phase.OPEN : Phase.ENDED;
    }

    /** What is wrong with the window and cut-off, or null: the roll is frozen before voting opens, which precedes closing. */
    public static FieldError whyBadSchedule(OffsetDateTime cutoff, OffsetDateTime opensAt, OffsetDateTime closesAt,
                                            OffsetDateTime now) {
        for (var at : List.of(Map.entry("cutoff", cutoff), Map.entry("opensAt", opensAt), Map.entry("closesAt", closesAt))) {
            if (at.getValue().getYear() < 2000 || at.getValue().getYear() > 9999) {
                return new FieldError(at.getKey(), "must lie between the years 2000 and 9999");
            }
        }
        if (cutoff.isAfter(now)) {
            return new FieldError("cutoff", "must not be in the future: the roll is frozen from the members on record then");
        }
        if (opensAt.isBefore(cutoff)) {
            return new FieldError("opensAt", "must not be before the cut-off");
        }
        if (!closesAt.isAfter(opensAt)) {
            return new FieldError("closesAt", "must be after opensAt");
        }
        if (closesAt.isAfter(opensAt.plusDays(MAX_WINDOW_DAYS))) {
            return new FieldError("closesAt", "must be at most " + MAX_WINDOW_DAYS + " days after opensAt");
        }
        return null;
    }

    /** Why {@code seats} does not suit the office, or null: a chair is one seat; a committee at least two. */
    public static String whyBadSeats(ElectionOffice office, int seats) {
        if (office == ElectionOffice.CHAIR && seats != 1) {
            return "must be 1 for a CHAIR election";
        }
        if (office == ElectionOffice.COMMITTEE && (seats < 2 || seats > 50)) {
            return "must be between 2 and 50 for a COMMITTEE election";
        }
        return null;
    }

    /**
     * Why a ballot naming {@code choices} is not acceptable, or null. A ballot names at most {@code seats} distinct
     * candidates of the election; an empty ballot is a blank vote (it counts for turnout, not as a valid ballot).
     */
    public static String whyBadBallot(List<Long> choices, Set<Long> candidateIds, int seats) {
        if (choices.size() > seats) {
            return "names " + choices.size() + " candidates; at most " + seats + " may be chosen";
        }
        Set<Long> seen = new HashSet<>();
        for (Long c : choices) {
            if (c == null || !candidateIds.contains(c)) {
                return "names " + c + ", which is not a candidate of this election";
            }
            if (!seen.add(c)) {
                return "names candidate " + c + " more than once";
            }
        }
        return null;
    }

    /** A counted result: votes per candidate (in the order the candidates were given), outcome, who is elected. */
    public record Result(int eligible, int ballotsCast, int validBallots, boolean quorumMet, Map<Long, Integer> votes,
                         ElectionOutcome outcome, List<Long> elected) {
    }

    /**
     * Counts the ballots. The election counts only when more than {@code quorum} of the eligible members cast a
     * ballot (blank ones included). A candidate can win only with votes from more than {@code majority} of the valid
     * (non-blank) ballots; the seats go to such candidates by most votes, and a tie for the last seat leaves it
     * unfilled rather than decided by chance, so the union votes again for it.
     */
    public static Result count(int eligible, List<Long> candidateIds, List<List<Long>> ballots, int seats,
                               Threshold quorum, Threshold majority) {
        Map<Long, Integer> votes = new LinkedHashMap<>();
        candidateIds.forEach(c -> votes.put(c, 0));
        int valid = 0;
        for (List<Long> b : ballots) {
            if (!b.isEmpty()) {
                valid++;
                b.forEach(c -> votes.merge(c, 1, Integer::sum));
            }
        }
        int cast = ballots.size();
        boolean quorumMet = quorum.exceededBy(cast, eligible);
        if (!quorumMet) {
            return new Result(eligible, cast, valid, false, votes, ElectionOutcome.NO_QUORUM, List.of());
        }
        int validBallots = valid;
        List<Map.Entry<Long, Integer>> winners = new ArrayList<>(votes.entrySet().stream()
                .filter(e -> majority.exceededBy(e.getValue(), validBallots))
                .sorted(Map.Entry.<Long, Integer>comparingByValue(Comparator.reverseOrder())).toList());
        if (winners.size() > seats) {
            int last = winners.get(seats - 1).getValue();
            boolean tieAtLastSeat = winners.get(seats).getValue() == last;
            winners = new ArrayList<>(winners.subList(0, seats));
            if (tieAtLastSeat) {
                winners.removeIf(e -> e.getValue() == last);
            }
        }
        List<Long> elected = winners.stream().map(Map.Entry::getKey).toList();
        ElectionOutcome outcome = elected.isEmpty() ? ElectionOutcome.NO_WINNER
                : elected.size() < seats ? ElectionOutcome.PARTLY_ELECTED : ElectionOutcome.ELECTED;
        return new Result(eligible, cast, valid, true, votes, outcome, elected);
    }
}
