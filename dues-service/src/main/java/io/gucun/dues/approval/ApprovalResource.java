package io.gucun.dues.approval;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/approvals")
@Tag(name = "Approvals", description = "Maker-checker: policies, overrides and large manual entries take effect when a second officer approves")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    @Inject
    Approvals approvals;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listApprovals", summary = "Decisions in your subtree, newest first: pending ones and the audit of decided ones")
    @APIResponse(responseCode = "200", description = "A page of approvals")
    @APIResponse(responseCode = "400", description = "An unknown status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ApprovalDtos.ApprovalView> list(
            @Parameter(description = "PENDING, APPROVED or REJECTED") @QueryParam("status") String status,
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return approvals.list(status, PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getApproval", summary = "One approval: what was proposed, by whom and when, and who decided")
    @APIResponse(responseCode = "200", description = "The approval", content = @Content(schema = @Schema(implementation = ApprovalDtos.ApprovalView.class)))
    @APIResponse(responseCode = "404", description = "No such approval in your subtree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApprovalDtos.ApprovalView get(@PathParam("id") long id) {
        return approvals.visible(id);
    }

    @POST
    @Path("{id}/approval")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "approveDecision", summary = "Approve a proposal (a second officer, strictly above its scope, or an admin)",
            description = "The proposal takes effect in the same transaction; one that can no longer take effect (its start has "
                    + "passed) is refused and stays pending.")
    @APIResponse(responseCode = "200", description = "Approved", content = @Content(schema = @Schema(implementation = ApprovalDtos.ApprovalView.class)))
    @APIResponse(responseCode = "403", description = "Not strictly above the scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such approval in your subtree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A self-approval, or the proposal can no longer take effect",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApprovalDtos.ApprovalView approve(@PathParam("id") long id, @Valid ApprovalDtos.DecisionRequest request) {
        return approvals.approve(id, request == null ? null : request.note());
    }

    @POST
    @Path("{id}/rejection")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "rejectDecision", summary = "Reject a proposal (a second officer, strictly above its scope, or an admin)")
    @APIResponse(responseCode = "200", description = "Rejected", content = @Content(schema = @Schema(implementation = ApprovalDtos.ApprovalView.class)))
    @APIResponse(responseCode = "403", description = "Not strictly above the scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such approval in your subtree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A self-rejection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApprovalDtos.ApprovalView reject(@PathParam("id") long id, @Valid ApprovalDtos.DecisionRequest request) {
        return approvals.reject(id, request == null ? null : request.note());
    }
}
