package io.gucun.outreach.partner;

import io.gucun.common.security.Roles;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The partners' feeds of their own imports' results, one per import kind, and who may read each. */
public final class ImportFeeds {

    public static final String IMPORT_COMPLETED = "ImportCompleted";
    public static final String IMPORT_FAILED = "ImportFailed";

    /** A partner reads the feed of the kind it sends; import results are not officers' business. */
    static final Map<String, Set<String>> READERS = Arrays.stream(ImportKind.values())
            .collect(Collectors.toUnmodifiableMap(ImportKind::feed, k -> Set.of(k.role(), Roles.ADMIN)));

    private ImportFeeds() {
    }
}
