package io.gucun.membership.benefit;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The benefits catalogue, kept by officers; members see theirs under {@code /me/benefits}. */
@Path("/benefits")
@Tag(name = "Benefits", description = "普惠 / 商惠 / 特惠 benefits offered by an org to its subtree")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class BenefitResource {

    @Inject
    BenefitService benefits;

    @POST
    @Operation(operationId = "createBenefit", summary = "Offer a benefit to the members of an org's subtree")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json naming the field)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Response create(@Valid @NotNull BenefitDtos.NewBenefit request, @Context UriInfo uri) {
        Benefit b = benefits.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(b.id)).build())
                .entity(BenefitDtos.BenefitView.of(b)).build();
    }

    @POST
    @Path("/{id}/withdraw")
    @Operation(operationId = "withdrawBenefit", summary = "Stop offering a benefit before its end date",
            description = "It stays on record with its redemptions; members no longer see or redeem it.")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "400", description = "No reason given (problem+json naming reason)")
    @APIResponse(responseCode = "404", description = "No such benefit in your scope")
    @APIResponse(responseCode = "409", description = "Already withdrawn (type urn:gucun:problem:benefit-withdrawn)")
    public BenefitDtos.BenefitView withdraw(@Parameter(example = "7") @PathParam("id") long id,
                                            @Valid @NotNull BenefitDtos.Withdrawal request) {
        return BenefitDtos.BenefitView.of(benefits.withdraw(id, request.reason()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBenefit", summary = "Read a benefit offered in your scope")
    @APIResponse(responseCode = "200", description = "The benefit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such benefit in your scope")
    public BenefitDtos.BenefitView get(@Parameter(example = "7") @PathParam("id") long id) {
        return BenefitDtos.BenefitView.of(benefits.get(id));
    }

    @GET
    @Operation(operationId = "listBenefits", summary = "Benefits offered by the orgs of a subtree, newest first")
    @APIResponse(responseCode = "200", description = "A page of benefits")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Your token names no org scope")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public Page<BenefitDtos.BenefitView> list(
            @Parameter(description = "Root of the subtree (default: your scope)", example = "42") @QueryParam("orgId") Long orgId,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return benefits.list(orgId, PageRequest.of(page, size)).map(BenefitDtos.BenefitView::of);
    }
}
