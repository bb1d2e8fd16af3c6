package io.gucun.common.feed;

import io.gucun.common.security.CallerScope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The change feeds API partners pull with a cursor, the same in every service that keeps feeds. A service extends it
 * with a class that names its path ({@code /partner/feeds}) and roles, and declares the one operation, {@code GET
 * /{feed}}, documenting its own feeds (summary, description, who is refused, the feed names) and answering with
 * {@link #page}. The texts every feed shares are the constants here (the OpenAPI scanner reads an operation's
 * responses from the method that declares it, not from this class).
 */
@Tag(name = "Partner feeds", description = "Change feeds partners pull with a cursor; see docs/partners")
@Produces(MediaType.APPLICATION_JSON)
public abstract class PartnerFeedResource {

    protected static final String PAGE = "A page of items (empty when nothing new; keep the cursor)";
    protected static final String BAD_CURSOR = "after is not a cursor of this feed, or limit is out of 1-500";
    protected static final String NOT_AUTHENTICATED = "Not authenticated";
    protected static final String NO_SUCH_FEED = "No such feed";
    protected static final String EXPIRED_CURSOR = "The cursor lies before the feed's retention: start again without after";
    protected static final String AFTER = "Opaque cursor: the nextCursor of the last page read; absent = from the start";
    protected static final String LIMIT = "1-500, default 100";

    @Inject
    ChangeFeed feeds;

    @Inject
    CallerScope caller;

    /** Feed name → the roles that may read it. */
    protected abstract Map<String, Set<String>> readers();

    /** The page of {@code feed} after the cursor, if the caller holds one of the feed's reader roles. */
    protected FeedPage page(String feed, String after, Integer limit) {
        return feeds.readAs(caller, readers(), feed, after, limit);
    }
}
