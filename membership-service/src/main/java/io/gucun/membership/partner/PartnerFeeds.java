package io.gucun.membership.partner;

import io.gucun.common.security.Roles;
import java.util.Map;
import java.util.Set;

/** The change feeds membership-service keeps for partners, and who may read each. */
public final class PartnerFeeds {

    /** Enterprise union status (founded, closed) and member counts per enterprise: the tax partner's feed. */
    public static final String ENTERPRISE_UNIONS = "enterprise-unions";
    /** Membership status changes by keyed hash of the resident ID: the social-insurance partner's feed. */
    public static final String MEMBERSHIP_STATUS = "membership-status";

    /** The partner (its matching key, docs/partners/keys.md) the {@code membership-status} feed is hashed for. */
    public static final String MEMBERSHIP_STATUS_PARTNER = "social-insurance";

    /** A feed is read by the partner it is for and by admins: never by officers, whose scope is a subtree. */
    static final Map<String, Set<String>> READERS = Map.of(
            ENTERPRISE_UNIONS, Set.of(Roles.PARTNER_TAX, Roles.ADMIN),
            MEMBERSHIP_STATUS, Set.of(Roles.PARTNER_SOCIAL_INSURANCE, Roles.ADMIN));

    private PartnerFeeds() {
    }
}
