package io.gucun.membership.election;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The member app's side of elections: the caller's elections and their secret ballot (the login's member record votes). */
@Path("/me/elections")
@Tag(name = "Me", description = "Your own membership")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class MyElectionsResource {

    @Inject
    ElectionService elections;

    @GET
    @Operation(operationId = "listMyElections",
            summary = "The elections you are on the roll of, latest first (at most 50; none without a member record)")
    @APIResponse(responseCode = "200", description = "Your elections, with whether you have voted")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    public List<ElectionDtos.ElectionView> mine() {
        return elections.mine().stream().map(elections::view).toList();
    }

    @POST
    @Path("/{id}/ballot")
    @Operation(operationId = "castBallot", summary = "Cast your secret ballot; the answer holds your receipt, shown once",
            description = "One member, one ballot. The ballot is stored without you: who voted and what was voted are kept apart.")
    @APIResponse(responseCode = "201", description = "Counted at the close; keep the receipt")
    @APIResponse(responseCode = "400", description = "candidateIds names a non-candidate, one twice, or more than the seats")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "not-a-member (no member record linked to your login) or "
            + "not-eligible (not on the roll frozen at the cut-off)")
    @APIResponse(responseCode = "404", description = "No such election")
    @APIResponse(responseCode = "409", description = "already-voted")
    @APIResponse(responseCode = "422", description = "voting-not-open or voting-closed: outside the window")
    public Response vote(@Parameter(example = "3") @PathParam("id") long id, @Valid @NotNull ElectionDtos.NewBallot ballot) {
        return Response.status(Response.Status.CREATED).entity(elections.vote(id, ballot.candidateIds())).build();
    }
}
