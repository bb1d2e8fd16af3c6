package io.gucun.outreach.coverage;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
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

    static final String SVG = "image/svg+xml";

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
            description = "Firms of the subtree — registered, or seen only in tax or social-insurance data — with no union, "
                    + "at least 25 employees and at least 1 year in business (a dated policy, gucun.outreach.targets.*), the "
                    + "largest first. Every figure names its source and period.")
    @APIResponse(responseCode = "200", description = "A page of ranked targets")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<CoverageDtos.Target> targets(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                             @QueryParam("size") Integer size) {
        return coverage.targets(orgId, PageRequest.of(page, size));
    }

    @GET
    @Path("/enterprises")
    @Operation(operationId = "listEnterpriseCoverage", summary = "Insured but not members, per firm of a subtree, the widest gap first",
            description = "Insured workers are matched against members by keyed hash, never by ID number. A firm with fewer "
                    + "insured workers than the minimum group shows no person counts.")
    @APIResponse(responseCode = "200", description = "A page of firms with firm-level counts")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<CoverageDtos.Enterprise> enterprises(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                                     @QueryParam("size") Integer size) {
        return coverage.enterprises(orgId, PageRequest.of(page, size));
    }

    @GET
    @Path("/blind-spots")
    @Operation(operationId = "listBlindSpots", summary = "Firms seen only in tax or social-insurance data, the largest first")
    @APIResponse(responseCode = "200", description = "A page of blind spots with headcount, insured workers, period and age")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<CoverageDtos.BlindSpot> blindSpots(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                                   @QueryParam("size") Integer size) {
        return coverage.blindSpots(orgId, PageRequest.of(page, size));
    }

    @GET
    @Path("/funnel")
    @Operation(operationId = "getCoverageFunnel", summary = "Insured workers → members → active members of a subtree")
    @APIResponse(responseCode = "200", description = "The funnel; stages below the minimum group withheld")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public CoverageDtos.Funnel funnel(@QueryParam("orgId") Long orgId) {
        return coverage.funnel(orgId);
    }

    @GET
    @Path("/funnel.svg")
    @Produces(SVG)
    @Operation(operationId = "drawCoverageFunnel", summary = "The funnel of a subtree as an SVG picture")
    @APIResponse(responseCode = "200", description = "image/svg+xml")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public String funnelPicture(@QueryParam("orgId") Long orgId) {
        CoverageDtos.Funnel f = coverage.funnel(orgId);
        return CoveragePictures.funnel("Coverage funnel of org " + f.orgId(), f);
    }

    @GET
    @Path("/grids.svg")
    @Produces(SVG)
    @Operation(operationId = "drawGridCoverage", summary = "Coverage per grid of a subtree as an SVG heat grid",
            description = "The first page of GET /coverage/grids (same page and size), one square per grid, coloured by the "
                    + "share of insured workers who are members.")
    @APIResponse(responseCode = "200", description = "image/svg+xml")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public String gridPicture(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                              @QueryParam("size") Integer size) {
        Page<CoverageDtos.Grid> grids = coverage.grids(orgId, PageRequest.of(page, size));
        return CoveragePictures.heatGrid("Coverage per grid", grids.items());
    }

    @GET
    @Path("/divisions")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listDivisionPlacements", summary = "Which org shows the blind spots of each registration division")
    @APIResponse(responseCode = "200", description = "All placements")
    @APIResponse(responseCode = "403", description = "Admins only")
    public java.util.List<CoverageDtos.Division> divisions() {
        return coverage.divisions();
    }

    @PUT
    @Path("/divisions/{divisionCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "placeDivision", summary = "Show the blind spots of a registration division in an org",
            description = "A firm the register does not know is placed by the division in its credit code (characters 3-8), "
                    + "unless an outreach lead already placed it.")
    @APIResponse(responseCode = "200", description = "The placement")
    @APIResponse(responseCode = "400", description = "Not 6 digits, or no known org")
    @APIResponse(responseCode = "403", description = "Admins only")
    public CoverageDtos.Division placeDivision(@PathParam("divisionCode") String divisionCode, CoverageDtos.DivisionRequest request) {
        return coverage.placeDivision(divisionCode, request);
    }
}
