package io.gucun.membership.member;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/transfers")
@Tag(name = "Transfers", description = "Transfers of a membership between unions (会员组织关系转接)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {

    @Inject
    TransferService transfers;

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listTransfers", summary = "Transfers into or out of the orgs of a subtree, newest first")
    @APIResponse(responseCode = "200", description = "A page of transfers")
    @APIResponse(responseCode = "400", description = "Bad status, page or size")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public Page<MemberDtos.TransferView> list(
            @Parameter(description = "Root of the subtree; your scope when omitted", example = "42") @QueryParam("orgId") Long orgId,
            @Parameter(description = "PENDING, ACCEPTED, REJECTED or CANCELLED", example = "PENDING") @QueryParam("status") String status,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return transfers.list(orgId, status, PageRequest.of(page, size)).map(MemberDtos.TransferView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getTransfer", summary = "Read one transfer (both sides' officers and the member see it)")
    @APIResponse(responseCode = "200", description = "The transfer")
    @APIResponse(responseCode = "404", description = "No such transfer that you may see")
    public MemberDtos.TransferView get(@PathParam("id") long id) {
        return MemberDtos.TransferView.of(transfers.get(id));
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "acceptTransfer", summary = "Accept a transfer into your org (officer of the receiving org)")
    @APIResponse(responseCode = "200", description = "Accepted; the membership now belongs to the receiving org")
    @APIResponse(responseCode = "403", description = "The receiving org is outside your scope")
    @APIResponse(responseCode = "404", description = "No such transfer")
    @APIResponse(responseCode = "409", description = "Already decided, or the member left the sending org meanwhile")
    @APIResponse(responseCode = "422", description = "The receiving org has closed")
    public MemberDtos.TransferView accept(@PathParam("id") long id, @Valid MemberDtos.Decision decision) {
        return MemberDtos.TransferView.of(transfers.accept(id, decision == null ? null : decision.reason()));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "rejectTransfer", summary = "Reject a transfer into your org, with a reason")
    @APIResponse(responseCode = "200", description = "Rejected; the membership stays where it was")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "403", description = "The receiving org is outside your scope")
    @APIResponse(responseCode = "404", description = "No such transfer")
    @APIResponse(responseCode = "409", description = "Already decided")
    public MemberDtos.TransferView reject(@PathParam("id") long id, @Valid MemberDtos.Decision decision) {
        return MemberDtos.TransferView.of(transfers.reject(id, decision == null ? null : decision.reason()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "cancelTransfer", summary = "Take back a pending transfer request (the member or the sending org)")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "403", description = "Neither the member nor an officer of the sending org")
    @APIResponse(responseCode = "404", description = "No such transfer that you may see")
    @APIResponse(responseCode = "409", description = "Already decided")
    public MemberDtos.TransferView cancel(@PathParam("id") long id) {
        return MemberDtos.TransferView.of(transfers.cancel(id));
    }
}
