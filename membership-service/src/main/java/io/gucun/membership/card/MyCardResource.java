package io.gucun.membership.card;

import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own card, benefits and redemptions (through the login linked to their member record). */
@Path("/me/card")
@Tag(name = "Me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class MyCardResource {

    @Inject
    CardService cards;

    @GET
    @Operation(operationId = "getMyCard", summary = "My service card (full number): the live one, else the latest")
    @APIResponse(responseCode = "200", description = "Your card")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No member linked to your login, or you hold no card")
    public CardDtos.CardView card() {
        return CardDtos.CardView.of(cards.myCard(), true);
    }
}
