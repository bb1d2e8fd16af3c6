package io.gucun.events.membership;

import java.time.OffsetDateTime;

/**
 * Events of the {@code member} aggregate, published on topic {@code membership.member.v1} keyed by the member id.
 * They never carry the full resident ID number or the phone; see {@code EVENTS-MEMBERS.md}.
 *
 * <p>{@code idNumberHash} / {@code idNumberHashVersion}: the member's internal ID-number index (HMAC-SHA256 under the
 * index key of that version, lower-case hex; docs/partners/keys.md), the value membership keeps for its duplicate check.
 * Outreach matches insured workers against members by it. Null in events written before the field existed.
 */
public final class MemberEvents {

    public static final String AGGREGATE = "member";

    /** A person was registered under their real name (not yet a member of any org). */
    public record MemberRegistered(long memberId, String maskedIdNumber, int birthYear, String regionCode,
                                   EmploymentForm employmentForm, OccupationCategory occupationCategory,
                                   String idNumberHash, Integer idNumberHashVersion) {
    }

    /** A person was admitted to an org. */
    public record MemberJoined(long memberId, long orgId, String orgPath, OffsetDateTime joinedAt, JoinVia via,
                               String idNumberHash, Integer idNumberHashVersion) {
    }

    /**
     * A membership moved to another org: {@code reason} TRANSFER (the receiving org accepted a transfer) or
     * EMPLOYER_CLOSED (the enterprise closed; the union above its enterprise union now holds the membership).
     */
    public record MemberTransferred(long memberId, long fromOrgId, long toOrgId, String toOrgPath, OffsetDateTime at,
                                    String reason, String idNumberHash, Integer idNumberHashVersion) {
    }

    /** A membership ended. */
    public record MemberLeft(long memberId, long orgId, LeaveReason reason, OffsetDateTime at, String idNumberHash,
                             Integer idNumberHashVersion) {
    }

    /**
     * The member's ID-number index as it is now, published when the re-hash job of a key rotation moved it to a new
     * key version, or when an admin publishes every member's index once (POST /admin/hash-keys/rehash?publishAll=true).
     */
    public record MemberIdNumberIndexed(long memberId, String idNumberHash, int idNumberHashVersion) {
    }

    private MemberEvents() {
    }
}
