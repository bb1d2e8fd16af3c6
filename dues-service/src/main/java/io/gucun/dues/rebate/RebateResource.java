package io.gucun.dues.rebate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.dues.job.JobDtos;
import io.gucun.dues.job.JobResource;
import io.gucun.dues.job.Jobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Rebate", description = "Collect-then-rebate (先收后返): policies, previews and runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RebateResource {

    @Inject
    RebateService rebates;

    @Inject
    RebateRuns runs;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReturnFloors floors;

    @Inject
    RetentionOverrides overrides;

    @Inject
    HeldShares held;

    @GET
    @Path("orgs/{orgId}/rebate-preview")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "previewRebate", summary = "Dry run: what a rebate run of this collecting org and period would post now",
            description = "Every amount with the category and policy version that produced it; posts nothing.")
    @APIResponse(responseCode = "200", description = "Totals and lines (paged)",
            content = @Content(schema = @Schema(implementation = RebateDtos.RunView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebateDtos.RunView preview(@PathParam("orgId") long orgId,
            @Parameter(example = "2026-10", required = true) @QueryParam("period") String period,
            @Parameter(description = "Page of lines from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Lines per page, 1 to 200") @QueryParam("size") Integer size) {
        return rebates.preview(orgId, period, PageRequest.of(page, size));
    }

    @POST
    @Path("orgs/{orgId}/rebate-runs")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "runRebate", summary = "Run the rebate of a collecting org and period: answers 202 with a job "
            + "(emits RebatePosted)",
            description = "The run is done in the background and stays one balanced journal entry rebating every collection "
                    + "of the org and period not rebated before. Poll the job (Location) until SUCCEEDED: its result is the "
                    + "run (with the page of lines asked for), or runId null and nothing posted when every collection was "
                    + "rebated before. A job whose runner died is taken up again and runs again, never posting twice. The "
                    + "same Idempotency-Key answers the same job.")
    @APIResponse(responseCode = "202", description = "Accepted: the job (Location names it)",
            content = @Content(schema = @Schema(implementation = JobDtos.JobView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed period, page or size, or a bad Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The period is closed, or the Idempotency-Key was used for another run "
            + "(a run that finds no policy for an enterprise FAILS its job with that problem)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response run(@PathParam("orgId") long orgId, @Valid @NotNull RebateDtos.RunRequest request, @Context UriInfo uri,
            @Parameter(description = "Page of lines from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Lines per page, 1 to 200") @QueryParam("size") Integer size,
            @Parameter(description = "Makes a retry answer the same job") @HeaderParam(Jobs.IDEMPOTENCY_KEY) String idempotencyKey) {
        return JobResource.accepted(runs.accept(orgId, request.period(), PageRequest.of(page, size), idempotencyKey, true),
                mapper, uri);
    }

    @GET
    @Path("orgs/{orgId}/rebate-runs")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listRebateRuns", summary = "Rebate runs of a collecting org, newest first")
    @APIResponse(responseCode = "200", description = "A page of runs (each with its first line only)")
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RebateDtos.RunView> runs(@PathParam("orgId") long orgId,
            @Parameter(example = "2026-10") @QueryParam("period") String period,
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return rebates.runs(orgId, period, PageRequest.of(page, size));
    }

    @GET
    @Path("rebate-runs/{runId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getRebateRun", summary = "One rebate run with its lines (paged)")
    @APIResponse(responseCode = "200", description = "The run", content = @Content(schema = @Schema(implementation = RebateDtos.RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebateDtos.RunView runOf(@PathParam("runId") long runId,
            @Parameter(description = "Page of lines from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Lines per page, 1 to 200") @QueryParam("size") Integer size) {
        return rebates.run(runId, PageRequest.of(page, size));
    }

    @GET
    @Path("rebate-policies")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listRebatePolicies", summary = "Every rebate policy version, by name, newest version first",
            description = "Officers see the versions that can govern their subtree: scoped at or above their org, or inside it.")
    @APIResponse(responseCode = "200", description = "A page of policy versions")
    public Page<RebateDtos.PolicyView> policies(@Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return rebates.policies(PageRequest.of(page, size));
    }

    @GET
    @Path("rebate-policies/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getRebatePolicy", summary = "One rebate policy version")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = RebateDtos.PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such version that can govern your subtree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebateDtos.PolicyView policy(@PathParam("id") long id) {
        return rebates.visiblePolicy(id).orElseThrow(() -> ApiException.notFound("rebate policy", id));
    }

    @POST
    @Path("rebate-policies")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "createRebatePolicyVersion", summary = "Propose a rebate policy version (a new name starts at version 1)",
            description = "Proposed by an officer of an org strictly above the scope (or an admin), starting today or later; it "
                    + "governs once a second officer approves it (POST /approvals/{id}/approval). Versions are never edited: runs already posted keep the version that produced them. For a period, the "
                    + "narrowest scope containing the enterprise's org wins, then the latest validFrom, then the highest version.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RebateDtos.PolicyView.class)))
    @APIResponse(responseCode = "400", description = "Shares that do not add up, a share below the floor, a floor below the rule, "
            + "a scope not strictly below your org, a start in the past",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createPolicy(@Valid @NotNull RebateDtos.NewPolicyVersion request, @Context UriInfo uri) {
        RebateDtos.PolicyView created = rebates.createPolicy(request);
        return Response.created(uri.getBaseUriBuilder().path("rebate-policies").path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("orgs/{orgId}/return-floor-report")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getReturnFloorReport", summary = "The 80% rule for a collecting org and period",
            description = "What its rebate runs returned to the grassroots (paid down, or held for firms without a union) against "
                    + "the floor rule in force on the period's first day, with the shortfall and each level's share.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = RebateDtos.FloorReport.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebateDtos.FloorReport floorReport(@PathParam("orgId") long orgId,
            @Parameter(example = "2026-10", required = true) @QueryParam("period") String period) {
        return rebates.floorReport(orgId, period);
    }

    @GET
    @Path("return-floor-rules")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listReturnFloorRules", summary = "The floor rules (the 80% rule), newest first")
    @APIResponse(responseCode = "200", description = "A page of floor rules")
    public Page<RebateDtos.FloorRuleView> floorRules(@Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return floors.list(PageRequest.of(page, size));
    }

    @POST
    @Path("return-floor-rules")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "proposeReturnFloorRule", summary = "Propose a floor rule (in force once a second admin approves it)")
    @APIResponse(responseCode = "201", description = "Proposed", content = @Content(schema = @Schema(implementation = RebateDtos.FloorRuleView.class)))
    @APIResponse(responseCode = "400", description = "A bad percentage, an unknown scope, a start in the past",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response proposeFloorRule(@Valid @NotNull RebateDtos.NewFloorRule request) {
        return Response.status(201).entity(floors.propose(request)).build();
    }

    @GET
    @Path("retention-overrides")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listRetentionOverrides", summary = "Retention overrides of enterprises in your subtree, newest first")
    @APIResponse(responseCode = "200", description = "A page of overrides")
    public Page<RebateDtos.OverrideView> overrides(@Parameter(description = "Only this enterprise's") @QueryParam("enterpriseId") Long enterpriseId,
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return overrides.list(enterpriseId, PageRequest.of(page, size));
    }

    @GET
    @Path("retention-overrides/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getRetentionOverride", summary = "One retention override")
    @APIResponse(responseCode = "200", description = "The override", content = @Content(schema = @Schema(implementation = RebateDtos.OverrideView.class)))
    @APIResponse(responseCode = "404", description = "No such override in your subtree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebateDtos.OverrideView override(@PathParam("id") long id) {
        return overrides.visible(id).orElseThrow(() -> ApiException.notFound("retention override", id));
    }

    @POST
    @Path("retention-overrides")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "proposeRetentionOverride", summary = "Propose a retention override for one enterprise (因企制宜)",
            description = "By an officer of the org the enterprise is registered under or above (or an admin); in force once a "
                    + "second officer approves it (POST /approvals/{id}/approval), for periods starting within its validity.")
    @APIResponse(responseCode = "201", description = "Proposed", content = @Content(schema = @Schema(implementation = RebateDtos.OverrideView.class)))
    @APIResponse(responseCode = "400", description = "An enterprise outside your subtree, a share below the floor, a start in the past",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response proposeOverride(@Valid @NotNull RebateDtos.NewOverride request, @Context UriInfo uri) {
        RebateDtos.OverrideView created = overrides.propose(request);
        return Response.created(uri.getBaseUriBuilder().path("retention-overrides").path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @POST
    @Path("orgs/{orgId}/held-share-releases")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "releaseDueHeldShares", summary = "Release the held shares that are due to joint unions",
            description = "For firms still without a union, registered under a joint union: the grassroots share this collecting "
                    + "org holds for them, once the months the policy sets have passed since the collected period, goes to that "
                    + "joint union, one posting per firm. (A firm that founds its union gets its held share at once, on UnionFounded.)")
    @APIResponse(responseCode = "200", description = "The releases posted (none when nothing is due)")
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Consumes(MediaType.WILDCARD) // no body
    public java.util.List<RebateDtos.ReleaseView> releaseDue(@PathParam("orgId") long orgId) {
        return held.releaseDue(orgId);
    }
}
