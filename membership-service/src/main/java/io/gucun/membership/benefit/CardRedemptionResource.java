package io.gucun.membership.benefit;

import io.gucun.common.security.Roles;
import io.gucun.membership.card.CardResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Redeeming benefits with a service card, under the card's path; who may see the card may use it (CardResource). */
@Path("/cards/{card}/redemptions")
@Tag(name = "Service cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class CardRedemptionResource {

    @Inject
    BenefitService benefits;

    @POST
    @Operation(operationId = "redeemBenefit", summary = "Redeem a benefit with a card (the holder or an officer)",
            description = "Idempotent with an Idempotency-Key header: the same key for the same card returns the first "
                    + "redemption (200) and writes nothing new. Refused (422) when the card is not ACTIVE, the benefit "
                    + "is not valid today, not offered by the member's org or an ancestor, or the member is not eligible.")
    @APIResponse(responseCode = "201", description = "Redeemed")
    @APIResponse(responseCode = "200", description = "A retry: the redemption made earlier with this Idempotency-Key")
    @APIResponse(responseCode = "400", description = "No or unknown benefitId, or a too long Idempotency-Key")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    @APIResponse(responseCode = "422", description = "card-not-active (e.g. \"card is frozen\"), benefit-not-valid, "
            + "benefit-not-offered or not-eligible; idempotency-key-reused: the key was used for another benefit or note")
    public Response redeem(@Parameter(description = CardResource.REF, example = "6210000042000000171") @PathParam("card") String card,
                           @Parameter(description = "Makes retries safe", example = "pos-20261124-0001")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @Valid @NotNull BenefitDtos.NewRedemption request) {
        BenefitService.Outcome o = benefits.redeem(card, request, idempotencyKey);
        return Response.status(o.created() ? 201 : 200).entity(BenefitDtos.RedemptionView.of(o.redemption())).build();
    }

    @GET
    @Operation(operationId = "listCardRedemptions", summary = "Redemptions made with a card, newest first")
    @APIResponse(responseCode = "200", description = "The redemptions")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such card that you may see")
    public List<BenefitDtos.RedemptionView> redemptions(@Parameter(description = CardResource.REF, example = "17") @PathParam("card") String card) {
        return benefits.ofCard(card).stream().map(BenefitDtos.RedemptionView::of).toList();
    }
}
