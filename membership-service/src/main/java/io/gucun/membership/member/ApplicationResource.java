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

@Path("/applications")
@Tag(name = "Applications", description = "Applications to join a union and their decision")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    @Inject
    JoiningService joining;

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listApplications", summary = "Applications to the orgs of a subtree (e.g. your PENDING queue), newest first")
    @APIResponse(responseCode = "200", description = "A page of applications")
    @APIResponse(responseCode = "400", description = "Bad status, page or size")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public Page<MemberDtos.ApplicationView> list(
            @Parameter(description = "Root of the subtree; your scope when omitted", example = "42") @QueryParam("orgId") Long orgId,
            @Parameter(description = "PENDING, APPROVED, REJECTED or WITHDRAWN", example = "PENDING") @QueryParam("status") String status,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return joining.list(orgId, status, PageRequest.of(page, size)).map(MemberDtos.ApplicationView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getApplication", summary = "Read one application")
    @APIResponse(responseCode = "200", description = "The application")
    @APIResponse(responseCode = "404", description = "No such application that you may see")
    public MemberDtos.ApplicationView get(@PathParam("id") long id) {
        return MemberDtos.ApplicationView.of(joining.get(id));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "approveApplication", summary = "Admit the applicant to the org (officer of that org)")
    @APIResponse(responseCode = "200", description = "Approved; the applicant is now an ACTIVE member")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    @APIResponse(responseCode = "404", description = "No such application")
    @APIResponse(responseCode = "409", description = "Already decided, or the applicant is already a member elsewhere")
    @APIResponse(responseCode = "422", description = "The org has closed")
    public MemberDtos.ApplicationView approve(@PathParam("id") long id, @Valid MemberDtos.Decision decision) {
        return MemberDtos.ApplicationView.of(joining.approve(id, decision == null ? null : decision.reason()));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "rejectApplication", summary = "Reject an application, with a reason (officer of that org)")
    @APIResponse(responseCode = "200", description = "Rejected")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    @APIResponse(responseCode = "404", description = "No such application")
    @APIResponse(responseCode = "409", description = "Already decided")
    public MemberDtos.ApplicationView reject(@PathParam("id") long id, @Valid MemberDtos.Decision decision) {
        return MemberDtos.ApplicationView.of(joining.reject(id, decision == null ? null : decision.reason()));
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({Roles.MEMBER, Roles.ADMIN})
    @Operation(operationId = "withdrawApplication", summary = "Withdraw your own pending application")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "403", description = "Not your application")
    @APIResponse(responseCode = "404", description = "No such application that you may see")
    @APIResponse(responseCode = "409", description = "Already decided")
    public MemberDtos.ApplicationView withdraw(@PathParam("id") long id) {
        return MemberDtos.ApplicationView.of(joining.withdraw(id));
    }
}
