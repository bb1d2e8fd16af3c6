package io.gucun.dues.report;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Reports", description = "Balances, flows, transparency and the member-benefit ratio")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    @Inject
    ReportService reports;

    @GET
    @Path("public/orgs/{orgId}/transparency")
    @PermitAll
    @SecurityRequirements // empty: this operation needs no token, whatever the document-wide requirement says
    @Operation(operationId = "getTransparencySummary", summary = "Public summary: what came in, what went down, what was spent on members",
            description = "Totals of the org's own accounts; no token needed, no personal data.")
    @APIResponse(responseCode = "200", description = "The summary", content = @Content(schema = @Schema(implementation = ReportDtos.Transparency.class)))
    @APIResponse(responseCode = "400", description = "A malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such org",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReportDtos.Transparency transparency(@PathParam("orgId") long orgId,
            @Parameter(description = "One period (YYYY-MM); omit for all time", example = "2026-10") @QueryParam("period") String period) {
        return reports.transparency(orgId, period);
    }

    @GET
    @Path("orgs/{orgId}/report")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getSubtreeReport", summary = "Flows by kind and totals by purpose over the org's subtree")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ReportDtos.SubtreeReport.class)))
    @APIResponse(responseCode = "400", description = "A malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReportDtos.SubtreeReport report(@PathParam("orgId") long orgId,
            @Parameter(description = "One period; omit for all time", example = "2026-10") @QueryParam("period") String period) {
        return reports.subtree(orgId, period);
    }

    @GET
    @Path("orgs/{orgId}/balances")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listSubtreeBalances", summary = "Balances of every account in the org's subtree, by org path")
    @APIResponse(responseCode = "200", description = "A page of balances")
    @APIResponse(responseCode = "400", description = "A malformed period or page/size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ReportDtos.BalanceRow> balances(@PathParam("orgId") long orgId,
            @Parameter(description = "One period; omit for all time", example = "2026-10") @QueryParam("period") String period,
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return reports.balances(orgId, period, PageRequest.of(page, size));
    }

    @GET
    @Path("orgs/{orgId}/balances.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "exportSubtreeBalancesCsv", summary = "The same balances as a CSV file (all rows)")
    @APIResponse(responseCode = "200", description = "CSV with a header line", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response balancesCsv(@PathParam("orgId") long orgId,
            @Parameter(description = "One period; omit for all time", example = "2026-10") @QueryParam("period") String period) {
        return Response.ok(reports.balancesCsv(orgId, period), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"balances-" + orgId + (period == null ? "" : "-" + period) + ".csv\"")
                .build();
    }

    @GET
    @Path("orgs/{orgId}/benefit-ratio")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getBenefitRatio", summary = "Member-benefit ratio of the org's subtree against the 150–200% target")
    @APIResponse(responseCode = "200", description = "The ratio", content = @Content(schema = @Schema(implementation = ReportDtos.Ratio.class)))
    @APIResponse(responseCode = "400", description = "A malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReportDtos.Ratio ratio(@PathParam("orgId") long orgId,
            @Parameter(description = "One period; omit for all time", example = "2026-10") @QueryParam("period") String period) {
        return reports.ratio(orgId, period);
    }
}
