package io.gucun.rights.partner;

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

/** The credit partner's change feed: the blacklist and its removals. */
@Path("/partner/feeds")
@RolesAllowed({Roles.PARTNER_CREDIT, Roles.ADMIN})
public class PartnerFeedResource extends io.gucun.common.feed.PartnerFeedResource {

    public PartnerFeedResource() {
        super(PartnerEvents.FEED_READERS);
    }

    @Override
    @GET
    @Path("/{feed}")
    @Operation(operationId = "readRightsPartnerFeed", summary = "Read the blacklist feed after a cursor, oldest first",
            description = "`blacklist` (partner-credit): LISTED and DELISTED per enterprise (credit code). Items appear in "
                    + "commit order: paging with `after` = the previous page's `nextCursor` never skips or repeats an item, "
                    + "even while enterprises are being listed. Admins may read it too; officers read the blacklist itself (`/blacklist`).")
    @APIResponse(responseCode = "403", description = "Not the credit partner or an admin")
    public FeedPage read(
            @Parameter(description = "The feed", schema = @Schema(type = SchemaType.STRING, enumeration = {"blacklist"}))
            @PathParam("feed") String feed,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return super.read(feed, after, limit);
    }
}
