package io.gucun.dues.partner;

import io.gucun.common.security.Roles;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The change feeds dues-service keeps for partners, and who may read each. */
public final class PartnerFeeds {

    /** The result of every submission of collection records the tax partner made (single or bulk). */
    public static final String COLLECTION_IMPORTS = "collection-imports";
    public static final String COLLECTION_IMPORT_PROCESSED = "CollectionImportProcessed";

    /** Import results are the partner's own business: no officer reads them. */
    static final Map<String, Set<String>> READERS = Map.of(COLLECTION_IMPORTS, Set.of(Roles.PARTNER_TAX, Roles.ADMIN));

    private PartnerFeeds() {
    }

    /** The item id of an import's result: stable, so a partner can dedupe on it. */
    public static UUID importItemId(long importId) {
        return UUID.nameUUIDFromBytes(("dues:collection-import:" + importId).getBytes(StandardCharsets.UTF_8));
    }
}
