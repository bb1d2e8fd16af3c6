package io.gucun.membership.card;

import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's cards. */
@Path("/members/{id}/cards")
@Tag(name = "Service cards")
@Produces(MediaType.APPLICATION_JSON)
public class MemberCardResource {

    @Inject
    CardService cards;

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "issueCard", summary = "Issue a card to an ACTIVE member who holds no live card (officers)",
            description = "Cards are issued automatically on admission; this is for members without one.")
    @APIResponse(responseCode = "201", description = "The new card (ISSUED); Location names it")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the member's org")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    @APIResponse(responseCode = "409", description = "card-already-live: the member holds an ISSUED, ACTIVE or FROZEN card")
    @APIResponse(responseCode = "422", description = "member-not-active: the person is not a member")
    public Response issue(@Parameter(example = "1001") @PathParam("id") long id, @Context UriInfo uri) {
        ServiceCard c = cards.issueByOfficer(id);
        return Response.created(uri.getBaseUriBuilder().path("cards").path(String.valueOf(c.id)).build())
                .entity(CardDtos.CardView.of(c, cards.isHolder(c))).build();
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listMemberCards", summary = "A member's cards, live and dead, newest first (masked to officers)")
    @APIResponse(responseCode = "200", description = "The cards")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public List<CardDtos.CardView> list(@Parameter(example = "1001") @PathParam("id") long id) {
        return cards.ofMember(id).stream().map(c -> CardDtos.CardView.of(c, cards.isHolder(c))).toList();
    }
}
