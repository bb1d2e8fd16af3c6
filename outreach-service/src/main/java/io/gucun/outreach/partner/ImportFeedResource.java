package io.gucun.outreach.partner;

import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.feed.FeedPage;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The partners' feeds of their own imports' results. */
@Path("/partner/feeds")
@Tag(name = "Partner feeds", description = "Change feeds partners pull with a cursor; see docs/partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_TAX, Roles.ADMIN})
public class ImportFeedResource {

    @Inject
    ChangeFeed feeds;

    @Inject
    CallerScope caller;

    @GET
    @Path("/{feed}")
    @Operation(operationId = "readOutreachPartnerFeed", summary = "Read the results of your imports after a cursor",
            description = "`social-insurance-imports` (partner-social-insurance) and `tax-imports` (partner-tax): one item per "
                    + "finished import job, ImportCompleted or ImportFailed, with its counts and where its reject report is; "
                    + "the item id is the job id. Items appear in commit order: paging with `after` = the previous page's "
                    + "`nextCursor` never skips or repeats an item.")
    @APIResponse(responseCode = "200", description = "A page of items (empty when nothing new; keep the cursor)")
    @APIResponse(responseCode = "400", description = "after is not a cursor of this feed, or limit is out of 1-500")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "The feed of another partner")
    @APIResponse(responseCode = "404", description = "No such feed")
    @APIResponse(responseCode = "410", description = "The cursor lies before the feed's retention: start again without after")
    public FeedPage read(
            @Parameter(description = "The feed", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"social-insurance-imports", "tax-imports"}))
            @PathParam("feed") String feed,
            @Parameter(description = "Opaque cursor: the nextCursor of the last page read; absent = from the start")
            @QueryParam("after") String after,
            @Parameter(description = "1-500, default 100") @QueryParam("limit") Integer limit) {
        return feeds.readAs(caller, ImportFeeds.READERS, feed, after, limit);
    }
}
