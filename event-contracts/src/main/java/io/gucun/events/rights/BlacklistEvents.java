package io.gucun.events.rights;

import java.time.OffsetDateTime;

/** Events of the blacklist (topic {@code rights.blacklist.v1}, key = enterprise id); partners get them by webhook too. */
public final class BlacklistEvents {

    public static final String AGGREGATE = "blacklist";

    private BlacklistEvents() {
    }

    /** Event EnterpriseBlacklisted (topic rights.blacklist.v1, key = enterprise id). */
    public record EnterpriseBlacklisted(long entryId, long enterpriseId, String creditCode, String enterpriseName,
                                        BlacklistReason reason, long caseId, OffsetDateTime listedAt) {
    }

    /** Event EnterpriseDelisted (topic rights.blacklist.v1, key = enterprise id); the officer's free-text reason stays in the API. */
    public record EnterpriseDelisted(long entryId, long enterpriseId, String creditCode, OffsetDateTime listedAt,
                                     OffsetDateTime delistedAt) {
    }
}
