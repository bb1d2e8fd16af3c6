package io.gucun.membership.member;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Lapse", description = "Dated lapse policies and lapse runs: memberships without activity end, retirees and the unemployed keep theirs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LapseResource {

    @Inject
    LapseService lapses;

    @POST
    @Path("lapse-policies")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "addLapsePolicy", summary = "Add a dated lapse policy for the members of an org's subtree",
            description = "Policies are never edited. For a member, the policy in force of the deepest org above them wins.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Unknown org, months out of 1–120, validTo not after validFrom",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The org is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addPolicy(@Valid @NotNull MemberDtos.NewLapsePolicy request) {
        return Response.status(Response.Status.CREATED).entity(lapses.addPolicy(request)).build();
    }

    @GET
    @Path("lapse-policies")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listLapsePolicies", summary = "The lapse policies that can apply to an org's members, and the one in force today")
    @APIResponse(responseCode = "200", description = "The policies of the org and of the orgs above it")
    @APIResponse(responseCode = "404", description = "No such org in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MemberDtos.LapsePolicies policies(@Parameter(required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId) {
        return lapses.policies(orgId);
    }

    @POST
    @Path("lapse-runs")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "runLapse", summary = "Judge the members of an org's subtree under the lapse policies in force",
            description = "A dry run (the default) lists who would lapse; dryRun=false ends those memberships (history "
                    + "LAPSED, card closed, MemberLeft with reason LAPSED) in batches of gucun.membership.lapse.batch-size "
                    + "(default 100), each committed on its own; a run stopped half-way keeps what it ended. Running again "
                    + "ends nobody new.")
    @APIResponse(responseCode = "200", description = "Who lapses (or lapsed), and how many keep a retained membership")
    @APIResponse(responseCode = "400", description = "orgId missing, asOf in the future",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such org in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MemberDtos.LapseRunView run(@Valid @NotNull MemberDtos.NewLapseRun request) {
        return lapses.run(request);
    }
}
