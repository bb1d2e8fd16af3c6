package io.gucun.membership.member;

/**
 * Where a registered person stands. REGISTERED → ACTIVE (admitted) → LEFT, and LEFT → ACTIVE again when a
 * former member is admitted anew. A transfer keeps ACTIVE; so does any change of employment form.
 */
public enum MemberStatus {
    /** Registered under their real name, not (yet) admitted to any org. */
    REGISTERED,
    /** A member of the org in {@code member.org_id}. */
    ACTIVE,
    /** Left; {@code member.org_id} keeps the last org. */
    LEFT;

    /** Whether a person in this state may be admitted to an org. */
    public boolean canJoin() {
        return this != ACTIVE;
    }

    /** Whether a person in this state holds a membership that can be transferred or ended. */
    public boolean holdsMembership() {
        return this == ACTIVE;
    }
}
