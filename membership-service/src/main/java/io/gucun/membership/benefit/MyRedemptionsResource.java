package io.gucun.membership.benefit;

import io.gucun.common.security.Roles;
import io.gucun.membership.card.CardService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own card, benefits and redemptions (through the login linked to their member record). */
@Path("/me/redemptions")
@Tag(name = "Me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class MyRedemptionsResource {

    @Inject
    CardService cards;

    @Inject
    BenefitService benefits;

    @GET
    @Operation(operationId = "listMyRedemptions", summary = "My redemptions, newest first")
    @APIResponse(responseCode = "200", description = "The redemptions")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No member linked to your login")
    public List<BenefitDtos.RedemptionView> redemptions() {
        return benefits.ofMember(cards.me().id).stream().map(BenefitDtos.RedemptionView::of).toList();
    }
}
