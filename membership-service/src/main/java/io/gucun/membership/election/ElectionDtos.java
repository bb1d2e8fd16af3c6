package io.gucun.membership.election;

import io.gucun.events.membership.ElectionOffice;
import io.gucun.events.membership.ElectionOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the elections API. */
public final class ElectionDtos {

    private ElectionDtos() {
    }

    @Schema(name = "NewElection", description = "Call an election of a union's chair or committee. The roll is frozen from "
            + "the union's members at the cut-off; candidates must be on it. Thresholds are 'more than n/d' fractions "
            + "from the union's rules; omitted, the defaults apply (quorum 1/2 of the eligible members, majority 1/2 of "
            + "the valid ballots).")
    public record NewElection(
            @NotNull @Schema(examples = "42") Long orgId,
            @NotNull @Schema(examples = "CHAIR") ElectionOffice office,
            @Schema(description = "Seats to fill: 1 for CHAIR (default), 2–50 for COMMITTEE", examples = "1") Integer seats,
            @NotBlank @Size(max = 200) @Schema(examples = "顾村快递行业联合工会第二届主席选举") String title,
            @Schema(description = "When the roll is frozen; not in the future, not after opensAt; default now (or "
                    + "opensAt if earlier)", examples = "2026-12-01T00:00:00+08:00", nullable = true) OffsetDateTime cutoff,
            @NotNull @Schema(examples = "2026-12-08T09:00:00+08:00") OffsetDateTime opensAt,
            @NotNull @Schema(examples = "2026-12-10T18:00:00+08:00") OffsetDateTime closesAt,
            @Schema(description = "Turnout needed: more than this fraction of the eligible members", examples = "1/2",
                    nullable = true) String quorum,
            @Schema(description = "Votes needed to win: more than this fraction of the valid ballots", examples = "1/2",
                    nullable = true) String majority,
            @NotNull @Size(min = 1, max = 100) @Schema(description = "Member ids of the candidates", examples = "[1001, 1002]")
            List<Long> candidateMemberIds) {
    }

    @Schema(name = "ElectionCandidate", description = "A candidate; votes and elected once the election is closed")
    public record CandidateView(
            @Schema(description = "What a ballot names", examples = "5") long candidateId,
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "王小明") String name,
            @Schema(nullable = true, examples = "37") Integer votes,
            @Schema(nullable = true, examples = "true") Boolean elected) {
    }

    @Schema(name = "Election", description = "An election, its rules and window; the result once closed")
    public record ElectionView(
            @Schema(examples = "3") long id,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "CHAIR") ElectionOffice office,
            @Schema(examples = "1") int seats,
            @Schema(examples = "顾村快递行业联合工会第二届主席选举") String title,
            @Schema(examples = "2026-12-01T00:00:00+08:00") OffsetDateTime cutoffAt,
            @Schema(examples = "2026-12-08T09:00:00+08:00") OffsetDateTime opensAt,
            @Schema(examples = "2026-12-10T18:00:00+08:00") OffsetDateTime closesAt,
            @Schema(examples = "1/2") String quorum,
            @Schema(examples = "1/2") String majority,
            @Schema(description = "Members on the roll", examples = "64") int eligible,
            @Schema(description = "NOT_OPEN, OPEN, ENDED (awaiting the count) or CLOSED", examples = "OPEN") String phase,
            List<CandidateView> candidates,
            @Schema(nullable = true, examples = "51") Integer ballotsCast,
            @Schema(nullable = true, examples = "49") Integer validBallots,
            @Schema(nullable = true, examples = "true") Boolean quorumMet,
            @Schema(nullable = true, examples = "ELECTED") ElectionOutcome outcome,
            @Schema(nullable = true, description = "CHAIR: the member elected chair", examples = "1001") Long electedChairMemberId,
            @Schema(nullable = true) OffsetDateTime closedAt,
            @Schema(description = "Whether you have voted (your own elections only)", nullable = true) Boolean youVoted) {
    }

    @Schema(name = "NewBallot", description = "Your secret ballot: the candidates you choose (at most the seats); empty for a blank ballot")
    public record NewBallot(
            @NotNull @Size(max = 50) @Schema(description = "candidateId values of the election", examples = "[5]")
            List<Long> candidateIds) {
    }

    @Schema(name = "BallotReceipt", description = "Shown once: keep the receipt. After the close, the tally lists the "
            + "SHA-256 (hex) of every receipt with its ballot's choices; hash yours and check your ballot is there as cast.")
    public record BallotReceipt(
            @Schema(examples = "3") long electionId,
            @Schema(examples = "7K2QD-M4X9P-R0T8W-B6N3Z") String receipt,
            @Schema(examples = "9f2c…") String receiptHash) {
    }

    @Schema(name = "TalliedBallot", description = "One counted ballot: its receipt's hash and the candidates it chose (empty: blank)")
    public record TalliedBallot(@Schema(examples = "9f2c…") String receiptHash,
                                @Schema(examples = "[5]") List<Long> candidateIds) {
    }

    @Schema(name = "ElectionTally", description = "The published result: anyone on the roll can recount it from the "
            + "ballots listed (sorted by receipt hash, in no order of voting) and find their own by their receipt")
    public record Tally(
            @Schema(examples = "3") long electionId,
            @Schema(examples = "64") int eligible,
            @Schema(examples = "51") int ballotsCast,
            @Schema(examples = "49") int validBallots,
            @Schema(examples = "2") int blankBallots,
            @Schema(examples = "1/2") String quorum,
            @Schema(examples = "1/2") String majority,
            @Schema(examples = "true") boolean quorumMet,
            @Schema(examples = "ELECTED") ElectionOutcome outcome,
            List<CandidateView> candidates,
            List<TalliedBallot> ballots) {
    }

    /** The candidates with their members' names (and their votes once counted). */
    static List<CandidateView> candidates(List<ElectionCandidate> cs, Map<Long, String> names) {
        return cs.stream().map(c -> new CandidateView(c.id, c.memberId, names.get(c.memberId), c.votes, c.elected)).toList();
    }
}
