package io.gucun.outreach.lead;

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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/leads")
@Tag(name = "Enterprise leads", description = "Enterprises without a union whose workers came to events, and their follow-up")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class LeadResource {

    @Inject
    LeadService leads;

    @GET
    @Operation(operationId = "listEnterpriseLeads", summary = "Leads of an org subtree, most workers seen first")
    @APIResponse(responseCode = "200", description = "A page of leads")
    @APIResponse(responseCode = "400", description = "Bad status, page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<LeadDtos.LeadView> list(@QueryParam("orgId") Long orgId,
                                        @Parameter(description = "OPEN, CONTACTED, PREPARING, STALLED or FOUNDED") @QueryParam("status") String status,
                                        @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return leads.list(orgId, status, PageRequest.of(page, size)).map(leads::view);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEnterpriseLead", summary = "Read one lead")
    @APIResponse(responseCode = "200", description = "The lead")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such lead")
    public LeadDtos.LeadView get(@PathParam("id") long id) {
        return leads.view(leads.get(id));
    }

    @POST
    @Path("/{id}/follow-ups")
    @Operation(operationId = "followUpEnterpriseLead", summary = "Record the next step of a lead's follow-up",
            description = "FOUNDED cannot be set by hand: the lead closes when membership reports UnionFounded.")
    @APIResponse(responseCode = "200", description = "The lead")
    @APIResponse(responseCode = "400", description = "No or unknown status")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such lead")
    @APIResponse(responseCode = "422", description = "Not a step allowed from the lead's current status")
    public LeadDtos.LeadView followUp(@PathParam("id") long id, @Valid @NotNull LeadDtos.FollowUp request) {
        return leads.view(leads.followUp(id, request));
    }
}
