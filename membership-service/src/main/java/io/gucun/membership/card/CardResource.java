package io.gucun.membership.card;

import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/**
 * Service cards, named in paths by id or by their 19-digit number. The holder, officers covering the member's
 * org and admins see a card; for anyone else it does not exist (404).
 */
@Path("/cards")
@Tag(name = "Service cards", description = "会员服务卡: the card's lifecycle and redemptions of benefits with it")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class CardResource {

    public static final String REF = "The card's id or its 19-digit number";

    @Inject
    CardService cards;

    private CardDtos.CardView view(ServiceCard c) {
        return CardDtos.CardView.of(c, cards.isHolder(c));
    }

    @GET
    @Path("/{card}")
    @Operation(operationId = "getCard", summary = "Read a card (full number only for its holder)")
    @APIResponse(responseCode = "200", description = "The card")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    public CardDtos.CardView get(@Parameter(description = REF, example = "6210000042000000171") @PathParam("card") String card) {
        return view(cards.visible(card));
    }

    @GET
    @Path("/{card}/history")
    @Operation(operationId = "getCardHistory", summary = "A card's status changes, oldest first (who, when, why)")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    public List<CardDtos.StatusChangeView> history(@Parameter(description = REF, example = "17") @PathParam("card") String card) {
        return cards.history(card).stream().map(CardDtos.StatusChangeView::of).toList();
    }

    @POST
    @Path("/{card}/activate")
    @Operation(operationId = "activateCard", summary = "Activate an ISSUED card (the holder or an officer)")
    @APIResponse(responseCode = "200", description = "The card, now ACTIVE")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    @APIResponse(responseCode = "409", description = "card-transition-not-allowed: only an ISSUED card can be activated")
    public CardDtos.CardView activate(@Parameter(description = REF, example = "17") @PathParam("card") String card) {
        return view(cards.activate(card));
    }

    @POST
    @Path("/{card}/freeze")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "freezeCard", summary = "Freeze an ACTIVE card (officers, reason required)")
    @APIResponse(responseCode = "200", description = "The card, now FROZEN")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the member's org")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    @APIResponse(responseCode = "409", description = "card-transition-not-allowed: only an ACTIVE card can be frozen")
    public CardDtos.CardView freeze(@Parameter(description = REF, example = "17") @PathParam("card") String card,
                                    @Valid @NotNull CardDtos.StatusRequest request) {
        return view(cards.freeze(card, request.reason()));
    }

    @POST
    @Path("/{card}/unfreeze")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "unfreezeCard", summary = "Unfreeze a FROZEN card (officers)")
    @APIResponse(responseCode = "200", description = "The card, ACTIVE again")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the member's org")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    @APIResponse(responseCode = "409", description = "card-transition-not-allowed: only a FROZEN card can be unfrozen")
    public CardDtos.CardView unfreeze(@Parameter(description = REF, example = "17") @PathParam("card") String card,
                                      @Valid CardDtos.StatusRequest request) {
        return view(cards.unfreeze(card, request == null ? null : request.reason()));
    }

    @POST
    @Path("/{card}/report-lost")
    @Operation(operationId = "reportCardLost", summary = "Report a live card lost (the holder or an officer)")
    @APIResponse(responseCode = "200", description = "The card, now LOST")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    @APIResponse(responseCode = "409", description = "card-transition-not-allowed: only a live card can be reported lost")
    public CardDtos.CardView reportLost(@Parameter(description = REF, example = "17") @PathParam("card") String card,
                                        @Valid CardDtos.StatusRequest request) {
        return view(cards.reportLost(card, request == null ? null : request.reason()));
    }

    @POST
    @Path("/{card}/replace")
    @Operation(operationId = "replaceCard", summary = "Replace a lost or damaged card (the holder or an officer)",
            description = "The old card becomes REPLACED and its number is dead for good; a new card is ISSUED to the "
                    + "same member. A FROZEN card must be unfrozen first.")
    @APIResponse(responseCode = "201", description = "The new card; Location names it")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    @APIResponse(responseCode = "409", description = "card-transition-not-allowed: the card is FROZEN, REPLACED or CLOSED")
    @APIResponse(responseCode = "422", description = "member-not-active: the member is no longer a member")
    public Response replace(@Parameter(description = REF, example = "17") @PathParam("card") String card,
                            @Valid CardDtos.StatusRequest request, @Context UriInfo uri) {
        ServiceCard fresh = cards.replace(card, request == null ? null : request.reason());
        return Response.created(uri.getBaseUriBuilder().path("cards").path(String.valueOf(fresh.id)).build())
                .entity(view(fresh)).build();
    }
}
