package io.gucun.membership.enterprise;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/union-match")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
public class UnionMatchResource {

    @Inject
    EnterpriseService enterprises;

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "matchUnion", summary = "Which union a worker of this employer joins",
            description = "The employer's own union when it has one; otherwise a joint union covering it (area before "
                    + "industry), or the town federation. Applying without orgId uses this recommendation.")
    @APIResponse(responseCode = "200", description = "The recommendation (reason NO_EMPLOYER / EMPLOYER_UNKNOWN / NO_UNION_NEARBY when none)")
    @APIResponse(responseCode = "400", description = "Not a valid credit code (problem+json naming creditCode)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnterpriseDtos.UnionMatchView match(
            @Parameter(description = "The employer's Unified Social Credit Code; omit for no employer", example = "91310113MA1GL3XKX1")
            @QueryParam("creditCode") String creditCode) {
        return enterprises.matchUnion(creditCode);
    }
}
