package io.gucun.outreach.coverage;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/coverage")
@Tag(name = "Coverage and blind spots", description = "Insured workers against members per subtree and grid; founding targets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class CoverageResource {

    @Inject
    CoverageService coverage;

    @GET
    @Operation(operationId = "getCoverage", summary = "Coverage of an org subtree (your scope when orgId is omitted)")
    @APIResponse(responseCode = "200", description = "Totals; person counts withheld below the minimum group size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public CoverageDtos.Totals totals(@Parameter(example = "11") @QueryParam("orgId") Long orgId) {
        return coverage.totals(orgId);
    }

    @GET
    @Path("/grids")
    @Operation(operationId = "listGridCoverage", summary = "Coverage per grid of a subtree, the widest gap first")
    @APIResponse(responseCode = "200", description = "A page of grids")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<CoverageDtos.Grid> grids(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                         @QueryParam("size") Integer size) {
        return coverage.grids(orgId, PageRequest.of(page, size));
    }

    @GET
    @Path("/targets")
    @Operation(operationId = "listFoundingTargets", summary = "Blind spots: enterprises to found a union in, ranked",
            description = "Enterprises of the subtree with no union, at least 25 employees and at least 1 year in business "
                    + "(configurable: gucun.outreach.targets.*), the largest first.")
    @APIResponse(responseCode = "200", description = "A page of ranked targets")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<CoverageDtos.Target> targets(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                             @QueryParam("size") Integer size) {
        return coverage.targets(orgId, PageRequest.of(page, size));
    }
}
