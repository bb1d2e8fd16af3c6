package io.gucun.dues.rebate;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.dues.ledger.Correction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/rebate-runs/{runId}/reversal")
@Tag(name = "Rebate", description = "Collect-then-rebate (先收后返): policies, previews and runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RebateReversalResource {

    @Inject
    RebateRunReversal reversals;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "reverseRebateRun", summary = "Reverse a rebate run as a whole: its entry and its lines, in one "
            + "transaction; its collections can be rebated again. A retry answers the first reversal")
    @APIResponse(responseCode = "200", description = "Reversed", content = @Content(schema = @Schema(implementation = RebateRunReversal.View.class)))
    @APIResponse(responseCode = "400", description = "No reason (problem+json naming reason)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The run moved money of orgs outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such run in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A receiving org has spent the money since "
            + "(urn:gucun:problem:insufficient-funds); nothing is reversed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebateRunReversal.View reverse(@PathParam("runId") long runId, @Valid @NotNull Correction request) {
        return reversals.reverse(runId, request.reason());
    }
}
