package io.gucun.membership.member;

/**
 * What joining and leaving do to a member's service card. The card feature implements it (CardService), so members
 * do not depend on cards while cards depend on members.
 */
public interface MemberCards {

    /** Called when a member is admitted: issues a card unless they already hold a live one. */
    void issueOnAdmission(Member m, long orgId, String reason);

    /** Called when a member leaves: their live card, if any, is CLOSED. */
    void closeOnLeave(Member m, String reason);
}
