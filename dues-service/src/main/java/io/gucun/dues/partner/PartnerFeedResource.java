package io.gucun.dues.partner;

import io.gucun.common.feed.FeedPage;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The tax partner's feed of its own submissions' results. */
@Path("/partner/feeds")
@RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN})
public class PartnerFeedResource extends io.gucun.common.feed.PartnerFeedResource {

    public PartnerFeedResource() {
        super(PartnerFeeds.READERS);
    }

    @Override
    @GET
    @Path("/{feed}")
    @Operation(operationId = "readDuesPartnerFeed", summary = "Read the results of your collection submissions after a cursor",
            description = "`collection-imports` (partner-tax): one CollectionImportProcessed item per submission of collection "
                    + "records (POST /collections or /collection-imports), in commit order, with its counts and the records "
                    + "that did not simply post (duplicates, rejects, flagged amounts). A submission refused as a whole (400) "
                    + "leaves no item. Paging with `after` = the previous page's `nextCursor` never skips or repeats an item.")
    @APIResponse(responseCode = "403", description = "Not the tax partner or an admin")
    public FeedPage read(
            @Parameter(description = "The feed", schema = @Schema(type = SchemaType.STRING, enumeration = {"collection-imports"}))
            @PathParam("feed") String feed,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return super.read(feed, after, limit);
    }
}
