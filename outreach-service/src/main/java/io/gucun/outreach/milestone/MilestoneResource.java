package io.gucun.outreach.milestone;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/milestones")
@Tag(name = "Founding milestones", description = "三同时: a union founded in step with the firm — agreement at registration, "
        + "preparatory group during construction, working union once it operates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class MilestoneResource {

    @Inject
    MilestoneService milestones;

    @GET
    @Path("/{creditCode}")
    @Operation(operationId = "getFoundingMilestones", summary = "A firm's three milestones, the union step each calls for and its deadline")
    @APIResponse(responseCode = "200", description = "The milestones")
    @APIResponse(responseCode = "400", description = "Not a valid credit code")
    @APIResponse(responseCode = "403", description = "The firm is outside your scope")
    @APIResponse(responseCode = "404", description = "Neither the register nor the partners' data names this firm")
    public MilestoneDtos.FirmMilestones get(@Parameter(example = "91310113MA1GL3XKX1") @PathParam("creditCode") String creditCode) {
        return milestones.get(creditCode);
    }

    @PUT
    @Path("/{creditCode}/{stage}")
    @Operation(operationId = "recordFoundingMilestone", summary = "Record when a firm reached a stage and/or when its union step was done",
            description = "An officer's day overrides the day derived from the register or the partners' data.")
    @APIResponse(responseCode = "200", description = "The milestones")
    @APIResponse(responseCode = "400", description = "Bad credit code, stage or dates")
    @APIResponse(responseCode = "403", description = "The firm is outside your scope")
    @APIResponse(responseCode = "404", description = "Neither the register nor the partners' data names this firm")
    public MilestoneDtos.FirmMilestones record(@PathParam("creditCode") String creditCode,
                                               @Parameter(description = "REGISTERED, CONSTRUCTION or OPERATING") @PathParam("stage") String stage,
                                               MilestoneDtos.Record request) {
        return milestones.record(creditCode, stage, request);
    }

    @GET
    @Path("/overdue")
    @Operation(operationId = "listOverdueFoundingSteps", summary = "Union steps past their deadline in an org subtree, the oldest first")
    @APIResponse(responseCode = "200", description = "A page of overdue steps")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<MilestoneDtos.Overdue> overdue(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                              @QueryParam("size") Integer size) {
        return milestones.overdue(orgId, PageRequest.of(page, size));
    }
}
