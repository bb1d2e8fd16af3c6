package io.gucun.membership.election;

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

/** Elections of a union's chair or committee, called and closed by officers; members vote under {@code /me/elections}. */
@Path("/elections")
@Tag(name = "Elections", description = "规范民主选举: chair and committee elections by secret ballot")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ElectionResource {

    @Inject
    ElectionService elections;

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "callElection", summary = "Call an election of a union's chair or committee",
            description = "Freezes the roll from the union's members at the cut-off; the candidates must be on it.")
    @APIResponse(responseCode = "201", description = "Called; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid input, e.g. a candidate who is not a member of the union "
            + "(problem+json naming candidateMemberIds[i])")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "The union is outside your scope")
    @APIResponse(responseCode = "422", description = "org-closed: the union is closed")
    public Response call(@Valid @NotNull ElectionDtos.NewElection request, @Context UriInfo uri) {
        Election e = elections.call(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(e.id)).build())
                .entity(elections.view(e)).build();
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listElections", summary = "A union's elections, latest window first")
    @APIResponse(responseCode = "200", description = "A page of elections")
    @APIResponse(responseCode = "400", description = "No orgId, or a bad page or size")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public Page<ElectionDtos.ElectionView> list(
            @Parameter(description = "The union", required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return elections.ofOrg(orgId, PageRequest.of(page, size)).map(elections::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getElection", summary = "An election: candidates, window, rules; the result once closed",
            description = "For officers covering the union and the union's members.")
    @APIResponse(responseCode = "200", description = "The election")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such election that you may see")
    public ElectionDtos.ElectionView get(@Parameter(example = "3") @PathParam("id") long id) {
        return elections.view(elections.visible(id));
    }

    @GET
    @Path("/{id}/tally")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getElectionTally", summary = "The published tally: counts and every ballot by its receipt's hash",
            description = "Any member of the union can recount it and find their own ballot by hashing their receipt (SHA-256, hex).")
    @APIResponse(responseCode = "200", description = "The tally")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such election that you may see")
    @APIResponse(responseCode = "409", description = "election-not-closed: published at the close")
    public ElectionDtos.Tally tally(@Parameter(example = "3") @PathParam("id") long id) {
        return elections.tally(id);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "closeElection", summary = "Close an election after its window: count, record the result, publish ElectionHeld",
            description = "A CHAIR election that elects someone records them as electedChairMemberId.")
    @APIResponse(responseCode = "200", description = "Closed, with the result")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the union or above")
    @APIResponse(responseCode = "404", description = "No such election that you may see")
    @APIResponse(responseCode = "409", description = "election-closed: already closed")
    @APIResponse(responseCode = "422", description = "voting-not-ended: the window has not ended")
    public ElectionDtos.ElectionView close(@Parameter(example = "3") @PathParam("id") long id) {
        return elections.view(elections.close(id));
    }
}
