package io.gucun.membership.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.membership.ElectionOffice;
import io.gucun.events.membership.ElectionOutcome;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionRulesTest {

    static final Threshold HALF = new Threshold(1, 2);
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-08T10:00:00+08:00");

    private static List<List<Long>> ballots(int n, List<Long> choice) {
        return new ArrayList<>(Collections.nCopies(n, choice));
    }

    @Test
    void moreThanHalfIsStrict() {
        assertThat(HALF.exceededBy(5, 10)).isFalse();
        assertThat(HALF.exceededBy(6, 10)).isTrue();
        assertThat(new Threshold(2, 3).exceededBy(6, 9)).isFalse();
        assertThat(new Threshold(2, 3).exceededBy(7, 9)).isTrue();
        assertThat(HALF.exceededBy(0, 0)).isFalse();
    }

    @Test
    void thresholdsAreReadAsFractionsBelowOne() {
        assertThat(Threshold.parse("2/3")).isEqualTo(new Threshold(2, 3));
        assertThat(Threshold.parse(" 1 / 2 ")).isEqualTo(HALF);
        assertThat(Threshold.parse("1/1")).isNull();
        assertThat(Threshold.parse("1/0")).isNull();
        assertThat(Threshold.parse("0.5")).isNull();
        assertThat(Threshold.parse(null)).isNull();
    }

    @Test
    void aChairWithMoreThanHalfOfTheValidBallotsIsElectedWhenTurnoutReachesTheQuorum() {
        // 10 eligible, 6 voted (quorum met), one blank: 5 valid, candidate 1 has 3 of them.
        List<List<Long>> b = ballots(3, List.of(1L));
        b.addAll(ballots(2, List.of(2L)));
        b.add(List.of());
        var r = ElectionRules.count(10, List.of(1L, 2L), b, 1, HALF, HALF);
        assertThat(r.quorumMet()).isTrue();
        assertThat(r.ballotsCast()).isEqualTo(6);
        assertThat(r.validBallots()).isEqualTo(5);
        assertThat(r.votes()).containsEntry(1L, 3).containsEntry(2L, 2);
        assertThat(r.outcome()).isEqualTo(ElectionOutcome.ELECTED);
        assertThat(r.elected()).containsExactly(1L);
    }

    @Test
    void halfOfTheEligibleIsNoQuorumAndElectsNobody() {
        var r = ElectionRules.count(10, List.of(1L, 2L), ballots(5, List.of(1L)), 1, HALF, HALF);
        assertThat(r.quorumMet()).isFalse();
        assertThat(r.outcome()).isEqualTo(ElectionOutcome.NO_QUORUM);
        assertThat(r.elected()).isEmpty();
        assertThat(r.votes()).containsEntry(1L, 5);
    }

    @Test
    void halfOfTheValidBallotsDoesNotWin() {
        List<List<Long>> b = ballots(3, List.of(1L));
        b.addAll(ballots(3, List.of(2L)));
        var r = ElectionRules.count(10, List.of(1L, 2L), b, 1, HALF, HALF);
        assertThat(r.outcome()).isEqualTo(ElectionOutcome.NO_WINNER);
        assertThat(r.elected()).isEmpty();
    }

    @Test
    void aCommitteeFillsSeatsByMostVotesAndLeavesATiedLastSeatOpen() {
        // 3 seats, 8 valid ballots: 3 and 4 clearly in, 1 and 2 tie above the majority for the last seat.
        List<List<Long>> b = ballots(3, List.of(1L, 3L, 4L));
        b.addAll(ballots(3, List.of(2L, 3L, 4L)));
        b.addAll(ballots(2, List.of(1L, 2L, 3L)));
        var r = ElectionRules.count(9, List.of(1L, 2L, 3L, 4L, 5L), b, 3, HALF, HALF);
        assertThat(r.votes()).containsEntry(3L, 8).containsEntry(4L, 6).containsEntry(1L, 5).containsEntry(2L, 5)
                .containsEntry(5L, 0);
        assertThat(r.elected()).containsExactly(3L, 4L);
        assertThat(r.outcome()).isEqualTo(ElectionOutcome.PARTLY_ELECTED);

        var tie = ElectionRules.count(9, List.of(1L, 2L, 3L), ballots(8, List.of(1L, 2L, 3L)), 2, HALF, HALF);
        assertThat(tie.elected()).isEmpty();
        assertThat(tie.outcome()).isEqualTo(ElectionOutcome.NO_WINNER);

        var full = ElectionRules.count(9, List.of(1L, 2L, 3L), ballots(8, List.of(1L, 2L)), 2, HALF, HALF);
        assertThat(full.elected()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(full.outcome()).isEqualTo(ElectionOutcome.ELECTED);
    }

    @Test
    void aBallotNamesDistinctCandidatesUpToTheSeats() {
        Set<Long> candidates = Set.of(5L, 6L, 7L);
        assertThat(ElectionRules.whyBadBallot(List.of(5L), candidates, 1)).isNull();
        assertThat(ElectionRules.whyBadBallot(List.of(), candidates, 1)).isNull();
        assertThat(ElectionRules.whyBadBallot(List.of(5L, 6L), candidates, 1)).contains("at most 1");
        assertThat(ElectionRules.whyBadBallot(List.of(9L), candidates, 1)).contains("not a candidate");
        assertThat(ElectionRules.whyBadBallot(List.of(5L, 5L), candidates, 2)).contains("more than once");
    }

    @Test
    void theWindowFollowsTheCutOffAndBallotsGoInOnlyWhileItIsOpen() {
        assertThat(ElectionRules.whyBadSchedule(NOW.minusDays(1), NOW, NOW.plusDays(1), NOW)).isNull();
        assertThat(ElectionRules.whyBadSchedule(NOW.plusHours(1), NOW.plusDays(1), NOW.plusDays(2), NOW).field()).isEqualTo("cutoff");
        assertThat(ElectionRules.whyBadSchedule(NOW, NOW.minusHours(1), NOW.plusDays(1), NOW).field()).isEqualTo("opensAt");
        assertThat(ElectionRules.whyBadSchedule(NOW, NOW, NOW, NOW).field()).isEqualTo("closesAt");
        assertThat(ElectionRules.whyBadSchedule(NOW, NOW, NOW.plusDays(32), NOW).field()).isEqualTo("closesAt");
        assertThat(ElectionRules.whyBadSchedule(NOW.withYear(1), NOW, NOW.plusDays(1), NOW).field()).isEqualTo("cutoff");

        assertThat(ElectionRules.phase(NOW.plusSeconds(1), NOW.plusDays(1), NOW)).isEqualTo(ElectionRules.Phase.NOT_OPEN);
        assertThat(ElectionRules.phase(NOW, NOW.plusDays(1), NOW)).isEqualTo(ElectionRules.Phase.OPEN);
        assertThat(ElectionRules.phase(NOW.minusDays(1), NOW, NOW)).isEqualTo(ElectionRules.Phase.ENDED);
    }

    @Test
    void aChairIsOneSeatAndACommitteeSeveral() {
        assertThat(ElectionRules.whyBadSeats(ElectionOffice.CHAIR, 1)).isNull();
        assertThat(ElectionRules.whyBadSeats(ElectionOffice.CHAIR, 2)).isNotNull();
        assertThat(ElectionRules.whyBadSeats(ElectionOffice.COMMITTEE, 1)).isNotNull();
        assertThat(ElectionRules.whyBadSeats(ElectionOffice.COMMITTEE, 7)).isNull();
    }

    @Test
    void receiptsAreRandomAndTheirHashIsTheHexSha256() {
        String a = Receipts.newCode();
        assertThat(a).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}").doesNotContain("I", "L", "O", "U");
        assertThat(Receipts.newCode()).isNotEqualTo(a);
        assertThat(Receipts.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
