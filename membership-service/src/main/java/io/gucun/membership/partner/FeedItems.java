package io.gucun.membership.partner;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Bodies of the partner feed items (and of the webhooks built from them); documented in docs/partners. */
public final class FeedItems {

    private FeedItems() {
    }

    /** Item types of the {@code enterprise-unions} feed. */
    public static final String UNION_FOUNDED = "UNION_FOUNDED";
    public static final String ENTERPRISE_CLOSED = "ENTERPRISE_CLOSED";
    public static final String MEMBER_COUNT_CHANGED = "MEMBER_COUNT_CHANGED";

    /** Item types of the {@code membership-status} feed. */
    public static final String MEMBERSHIP_STARTED = "MEMBERSHIP_STARTED";
    public static final String MEMBERSHIP_TRANSFERRED = "MEMBERSHIP_TRANSFERRED";
    public static final String MEMBERSHIP_ENDED = "MEMBERSHIP_ENDED";

    /** An enterprise's union status and member count as of the change; {@code closedOn} only for ENTERPRISE_CLOSED. */
    public record EnterpriseUnion(long enterpriseId, String creditCode, boolean hasUnion, Long unionOrgId,
                                  OffsetDateTime unionFoundedAt, LocalDate closedOn, long memberCount) {
    }

    /**
     * A person's membership as of the change, keyed by {@code idHash} (the resident ID hashed with the reading
     * partner's matching key of version {@code keyVersion}, never the number nor the internal index): status ACTIVE or
     * LEFT, the org holding the membership, and the code of why it ended.
     */
    public record MembershipStatus(String idHash, int keyVersion, String status, long orgId, String orgPath, String employerCreditCode,
                                   String reason, OffsetDateTime at) {
    }
}
