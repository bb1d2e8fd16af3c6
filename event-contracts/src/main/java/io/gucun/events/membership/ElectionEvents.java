package io.gucun.events.membership;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Events of the {@code election} aggregate, published on topic {@code membership.election.v1} keyed by the election id.
 * They carry counts and the elected members' ids only: no ballot, no voter.
 */
public final class ElectionEvents {

    public static final String AGGREGATE = "election";

    /**
     * An election was closed and its result computed. {@code electedMemberIds} is empty unless the outcome is ELECTED
     * or PARTLY_ELECTED; for a CHAIR election it holds the new chair. The thresholds are "more than" fractions such as
     * {@code 1/2}.
     */
    public record ElectionHeld(long electionId, long orgId, ElectionOffice office, int seats, int eligible,
                               int ballotsCast, int validBallots, String quorum, String majority, boolean quorumMet,
                               ElectionOutcome outcome, List<Long> electedMemberIds, OffsetDateTime closedAt) {
    }

    private ElectionEvents() {
    }
}
