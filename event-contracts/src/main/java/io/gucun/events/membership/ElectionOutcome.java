package io.gucun.events.membership;

/**
 * How a closed election ended: every seat filled, some seats filled (a committee where too few candidates reached
 * the winning threshold), no candidate reached it, or too few eligible members voted for the result to count.
 */
public enum ElectionOutcome {
    ELECTED, PARTLY_ELECTED, NO_WINNER, NO_QUORUM
}
