package io.gucun.outreach.partner;

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

/** The partners' feeds of their own imports' results. */
@Path("/partner/feeds")
@RolesAllowed({Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_TAX, Roles.ADMIN})
public class ImportFeedResource extends io.gucun.common.feed.PartnerFeedResource {

    public ImportFeedResource() {
        super(ImportFeeds.READERS);
    }

    @Override
    @GET
    @Path("/{feed}")
    @Operation(operationId = "readOutreachPartnerFeed", summary = "Read the results of your imports after a cursor",
            description = "`social-insurance-imports` (partner-social-insurance) and `tax-imports` (partner-tax): one item per "
                    + "finished import job, ImportCompleted or ImportFailed, with its counts and where its reject report is; "
                    + "the item id is the job id. Items appear in commit order: paging with `after` = the previous page's "
                    + "`nextCursor` never skips or repeats an item.")
    @APIResponse(responseCode = "403", description = "The feed of another partner")
    public FeedPage read(
            @Parameter(description = "The feed", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"social-insurance-imports", "tax-imports"}))
            @PathParam("feed") String feed,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return super.read(feed, after, limit);
    }
}
