package io.gucun.rights.partner;

import io.gucun.common.security.Roles;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/** What rights-service offers partners: the blacklist feed, and the events a partner may receive by webhook. */
public final class PartnerEvents {

    public static final String BLACKLIST_FEED = "blacklist";
    public static final String LISTED = "LISTED";
    public static final String DELISTED = "DELISTED";

    /** Feed → who may read it: the partner it is for and admins (officers read the blacklist through /blacklist). */
    static final Map<String, Set<String>> FEED_READERS = Map.of(
            BLACKLIST_FEED, Set.of(Roles.PARTNER_CREDIT, Roles.ADMIN));

    /** Event type → the partner roles that may subscribe to it by webhook (the event's own data is the body). */
    static final Map<String, Set<String>> WEBHOOK_TYPES = Map.of(
            "EnterpriseBlacklisted", Set.of(Roles.PARTNER_CREDIT),
            "EnterpriseDelisted", Set.of(Roles.PARTNER_CREDIT));

    /** A blacklist feed item: the entry as of the change. The evidence, the case and the officer's remarks stay internal. */
    public record BlacklistItem(long entryId, long enterpriseId, String creditCode, String enterpriseName, String reason,
                                boolean active, OffsetDateTime listedAt, OffsetDateTime delistedAt) {
    }

    private PartnerEvents() {
    }
}
