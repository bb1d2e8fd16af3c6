package io.gucun.dues.report;

import io.gucun.common.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/public/orgs/{orgId}/money-flow.svg")
@Tag(name = "Reports", description = "Balances, flows, transparency and the member-benefit ratio")
public class MoneyFlowResource {

    public static final String SVG = "image/svg+xml";

    @Inject
    MoneyFlowService flows;

    @GET
    @Produces(SVG)
    @PermitAll
    @SecurityRequirements // public, like the transparency summary that links to it
    @Operation(operationId = "getMoneyFlowSvg", summary = "The money flow of an org's subtree as a picture (SVG)",
            description = "Union funds collected in the subtree → the share each level kept, what is held for firms without a "
                    + "union, what is not yet rebated → returned to grassroots unions → spent on members; from the ledger, "
                    + "totals only. Each bar carries data-node and data-fen (its amount in fen).")
    @APIResponse(responseCode = "200", description = "The picture", content = @Content(mediaType = SVG,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such org",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String svg(@PathParam("orgId") long orgId,
                      @Parameter(description = "One period (YYYY-MM); omit for all time", example = "2026-10") @QueryParam("period") String period) {
        return flows.flow(orgId, period).svg();
    }
}
