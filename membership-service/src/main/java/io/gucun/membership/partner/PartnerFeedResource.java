package io.gucun.membership.partner;

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

/** The change feeds partners pull: {@code enterprise-unions} (tax partner), {@code membership-status} (social insurance). */
@Path("/partner/feeds")
@RolesAllowed({Roles.PARTNER_TAX, Roles.PARTNER_SOCIAL_INSURANCE, Roles.ADMIN})
public class PartnerFeedResource extends io.gucun.common.feed.PartnerFeedResource {

    public PartnerFeedResource() {
        super(PartnerFeeds.READERS);
    }

    @Override
    @GET
    @Path("/{feed}")
    @Operation(operationId = "readMembershipPartnerFeed", summary = "Read a partner change feed after a cursor, oldest first",
            description = "`enterprise-unions` (partner-tax): UNION_FOUNDED, ENTERPRISE_CLOSED and MEMBER_COUNT_CHANGED per "
                    + "enterprise (credit code). `membership-status` (partner-social-insurance): MEMBERSHIP_STARTED, "
                    + "MEMBERSHIP_TRANSFERRED, MEMBERSHIP_ENDED keyed by the keyed hash of the resident ID, never the number. "
                    + "Items appear in commit order: paging with `after` = the previous page's `nextCursor` never skips or "
                    + "repeats an item, even while changes are being written. Admins may read every feed; officers none (the items carry keyed ID hashes, org paths and employers of the whole country).")
    @APIResponse(responseCode = "403", description = "This feed belongs to another partner")
    public FeedPage read(
            @Parameter(description = "The feed", schema = @Schema(type = SchemaType.STRING, enumeration = {"enterprise-unions", "membership-status"}))
            @PathParam("feed") String feed,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return super.read(feed, after, limit);
    }
}
