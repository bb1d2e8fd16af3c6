package io.gucun.events.membership;

/** Where a service card stands; see {@link CardLifecycle} for the moves between states. */
public enum CardStatus {
    /** Made out to the member, not yet activated. */
    ISSUED,
    /** In use: benefits can be redeemed with it. */
    ACTIVE,
    /** Blocked by an officer (with a reason) until unfrozen. */
    FROZEN,
    /** Reported lost; dead, replace it to get a new card. */
    LOST,
    /** Superseded by a new card; its number is dead forever. */
    REPLACED,
    /** The member left the union. */
    CLOSED;

    /** ISSUED, ACTIVE and FROZEN are live: a member has at most one live card. */
    public boolean isLive() {
        return this == ISSUED || this == ACTIVE || this == FROZEN;
    }
}
