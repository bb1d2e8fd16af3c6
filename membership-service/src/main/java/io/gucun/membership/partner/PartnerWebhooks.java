package io.gucun.membership.partner;

import io.gucun.common.security.Roles;
import io.gucun.common.webhook.WebhookCatalog;
import java.util.Map;
import java.util.Set;

/**
 * The webhooks membership-service offers partners: a feed item of these types is also pushed, with the same id, type
 * name as below and the item's data as body, to the partner's endpoint. Member counts are in the feed only.
 */
public final class PartnerWebhooks {

    public static final String UNION_FOUNDED = "UnionFounded";
    public static final String ENTERPRISE_CLOSED = "EnterpriseClosed";
    public static final String MEMBERSHIP_STARTED = "MembershipStarted";
    public static final String MEMBERSHIP_TRANSFERRED = "MembershipTransferred";
    public static final String MEMBERSHIP_ENDED = "MembershipEnded";

    /** Feed item type → the webhook event type that pushes it. */
    static final Map<String, String> TYPE_OF_ITEM = Map.of(
            FeedItems.UNION_FOUNDED, UNION_FOUNDED,
            FeedItems.ENTERPRISE_CLOSED, ENTERPRISE_CLOSED,
            FeedItems.MEMBERSHIP_STARTED, MEMBERSHIP_STARTED,
            FeedItems.MEMBERSHIP_TRANSFERRED, MEMBERSHIP_TRANSFERRED,
            FeedItems.MEMBERSHIP_ENDED, MEMBERSHIP_ENDED);

    /**
     * Each partner receives the pushes of its own feed only; the shared fan-out turns each committed feed item of a
     * pushed type into deliveries, after the change's commit.
     */
    static final WebhookCatalog CATALOG = new WebhookCatalog("/gucun/membership", Map.of(
            UNION_FOUNDED, Set.of(Roles.PARTNER_TAX),
            ENTERPRISE_CLOSED, Set.of(Roles.PARTNER_TAX),
            MEMBERSHIP_STARTED, Set.of(Roles.PARTNER_SOCIAL_INSURANCE),
            MEMBERSHIP_TRANSFERRED, Set.of(Roles.PARTNER_SOCIAL_INSURANCE),
            MEMBERSHIP_ENDED, Set.of(Roles.PARTNER_SOCIAL_INSURANCE)), TYPE_OF_ITEM);

    private PartnerWebhooks() {
    }

    /** The webhook event type of a feed item type, or null when items of that type are not pushed. */
    static String typeOf(String itemType) {
        return TYPE_OF_ITEM.get(itemType);
    }
}
