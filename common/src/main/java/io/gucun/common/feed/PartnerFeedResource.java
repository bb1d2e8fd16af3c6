package io.gucun.common.feed;

import io.gucun.common.security.CallerScope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The change feeds API partners pull with a cursor, the same in every service that keeps feeds. A service extends it
 * with a class that names its path ({@code /partner/feeds}) and roles, passes which roles read which feed to the
 * constructor, and overrides {@link #read} only to document its own feeds: operation id, summary,
 * description, who is refused (403) and the feed names. The override repeats {@code @GET @Path("/{feed}")} and the
 * parameters' JAX-RS annotations because the OpenAPI scanner reads an operation only from a method that carries them;
 * it merges the override's documentation with what this method documents for every feed.
 */
@Tag(name = "Partner feeds", description = "Change feeds partners pull with a cursor; see docs/partners")
@Produces(MediaType.APPLICATION_JSON)
public abstract class PartnerFeedResource {

    @Inject
    ChangeFeed feeds;

    @Inject
    CallerScope caller;

    private final Map<String, Set<String>> readers;

    /** @param readers feed name → the roles that may read it */
    protected PartnerFeedResource(Map<String, Set<String>> readers) {
        this.readers = readers;
    }

    /** The page of {@code feed} after the cursor, if the caller holds one of the feed's reader roles. */
    @GET
    @Path("/{feed}")
    @APIResponse(responseCode = "200", description = "A page of items (empty when nothing new; keep the cursor)")
    @APIResponse(responseCode = "400", description = "after is not a cursor of this feed, or limit is out of 1-500")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such feed")
    @APIResponse(responseCode = "410", description = "The cursor lies before the feed's retention: start again without after")
    public FeedPage read(@PathParam("feed") String feed,
                         @Parameter(description = "Opaque cursor: the nextCursor of the last page read; absent = from the start")
                         @QueryParam("after") String after,
                         @Parameter(description = "1-500, default 100") @QueryParam("limit") Integer limit) {
        return feeds.readAs(caller, readers, feed, after, limit);
    }
}
