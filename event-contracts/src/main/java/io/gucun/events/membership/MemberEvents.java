package io.gucun.events.membership;

import java.time.OffsetDateTime;

/**
 * Events of the {@code member} aggregate, published on topic {@code membership.member.v1} keyed by the member id.
 * They never carry the full resident ID number or the phone; see {@code EVENTS-MEMBERS.md}.
 */
public final class MemberEvents {

    public static final String AGGREGATE = "member";

    /** A person was registered under their real name (not yet a member of any org). */
    public record MemberRegistered(long memberId, String maskedIdNumber, int birthYear, String regionCode,
                                   EmploymentForm employmentForm, OccupationCategory occupationCategory) {
    }

    /** A person was admitted to an org. */
    public record MemberJoined(long memberId, long orgId, String orgPath, OffsetDateTime joinedAt, JoinVia via) {
    }

    /**
     * A membership moved to another org: {@code reason} TRANSFER (the receiving org accepted a transfer) or
     * EMPLOYER_CLOSED (the enterprise closed; the union above its enterprise union now holds the membership).
     */
    public record MemberTransferred(long memberId, long fromOrgId, long toOrgId, String toOrgPath, OffsetDateTime at,
                                    String reason) {
    }

    /** A membership ended. */
    public record MemberLeft(long memberId, long orgId, LeaveReason reason, OffsetDateTime at) {
    }

    private MemberEvents() {
    }
}
