package io.gucun.membership.member;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/members")
@Tag(name = "Members", description = "Real-name registration, joining, transfers and leaving")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    @Inject
    MemberService members;

    @Inject
    JoiningService joining;

    @Inject
    TransferService transfers;

    @Inject
    LapseService lapses;

    @POST
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "registerMember", summary = "Register a worker under their real name",
            description = "A worker (role member) registers themself and is linked to their login; with orgId they apply "
                    + "to that union. An officer registers a worker and admits them on the spot to orgId (in their scope).")
    @APIResponse(responseCode = "201", description = "Registered; Location names the member")
    @APIResponse(responseCode = "400", description = "Invalid input: ID number, mobile, credit code, org (problem+json naming the field)")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    @APIResponse(responseCode = "409", description = "Already registered (extension memberId names the existing member, only to an admin or an officer who may see that member), or your login is already linked")
    @APIResponse(responseCode = "422", description = "The org is closed")
    public Response register(@Valid @NotNull MemberDtos.NewMember request, @Context UriInfo uri) {
        MemberDtos.Registration r = members.register(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(r.member().id())).build()).entity(r).build();
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listMembers", summary = "List the members of an org subtree",
            description = "Members whose current (or, after leaving, last) org lies under orgId, or under your scope when omitted.")
    @APIResponse(responseCode = "200", description = "A page of members")
    @APIResponse(responseCode = "400", description = "Bad status, page or size")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public Page<MemberDtos.MemberView> list(
            @Parameter(description = "Root of the subtree", example = "42") @QueryParam("orgId") Long orgId,
            @Parameter(description = "REGISTERED, ACTIVE or LEFT", example = "ACTIVE") @QueryParam("status") String status,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return members.list(orgId, status, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getMember", summary = "Read one member (personal data masked)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public MemberDtos.MemberView get(@PathParam("id") long id) {
        return MemberDtos.MemberView.of(members.get(id));
    }

    @POST
    @Path("/lookup")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "lookupMemberByIdNumber", summary = "Find a member by resident ID number",
            description = "The number travels in the body, never in a URL; it is matched by its keyed hash.")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "400", description = "Not a valid resident ID number")
    @APIResponse(responseCode = "404", description = "No member with this number that you may see")
    public MemberDtos.MemberView lookup(@Valid @NotNull MemberDtos.IdNumberQuery query) {
        return MemberDtos.MemberView.of(members.lookup(query.idNumber()));
    }

    @GET
    @Path("/{id}/identity")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "readMemberIdentity", summary = "Read a member's full ID number and mobile (admins, audited)",
            description = "Every read writes an audit row with who, when, which member and the reason given.")
    @APIResponse(responseCode = "200", description = "The identity data")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such member")
    public MemberDtos.IdentityView identity(@PathParam("id") long id,
                                            @Parameter(description = "Why the full data is needed", required = true,
                                                    example = "核实劳动仲裁申请人身份") @QueryParam("reason") String reason) {
        return members.revealIdentity(id, reason);
    }

    @PUT
    @Path("/{id}/employment")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "changeMemberEmployment", summary = "Record a new employment situation (membership continues)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json naming the field)")
    @APIResponse(responseCode = "403", description = "Neither the member nor an officer of their org")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public MemberDtos.MemberView changeEmployment(@PathParam("id") long id, @Valid @NotNull MemberDtos.EmploymentChange change) {
        return MemberDtos.MemberView.of(members.changeEmployment(id, change));
    }

    @PUT
    @Path("/{id}/account")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "linkMemberAccount", summary = "Link a member to the person's own login (token subject)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "400", description = "No subject")
    @APIResponse(responseCode = "403", description = "Not an officer of the member's org")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    @APIResponse(responseCode = "409", description = "Member or login already linked elsewhere")
    public MemberDtos.MemberView linkAccount(@PathParam("id") long id, @Valid @NotNull MemberDtos.AccountLink link) {
        return MemberDtos.MemberView.of(members.linkAccount(id, link.subject()));
    }

    @POST
    @Path("/{id}/applications")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "applyToJoin", summary = "Apply to join a union",
            description = "Into the enterprise union, or an area/industry joint union (or town federation) when the employer "
                    + "has none. A join policy in force may admit the application at once (status APPROVED, via AUTO_APPROVED).")
    @APIResponse(responseCode = "201", description = "Filed (or already approved by policy)")
    @APIResponse(responseCode = "400", description = "Unknown org or an org of a kind that admits no members")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    @APIResponse(responseCode = "409", description = "Already a member, or an application is pending")
    @APIResponse(responseCode = "422", description = "The org is closed")
    public Response apply(@PathParam("id") long id, @Valid @NotNull MemberDtos.NewApplication request, @Context UriInfo uri) {
        MembershipApplication a = joining.apply(id, request);
        return Response.created(uri.getBaseUriBuilder().path("applications").path(String.valueOf(a.id)).build())
                .entity(MemberDtos.ApplicationView.of(a)).build();
    }

    @GET
    @Path("/{id}/applications")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listMemberApplications", summary = "A member's applications, newest first")
    @APIResponse(responseCode = "200", description = "The applications")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public List<MemberDtos.ApplicationView> applications(@PathParam("id") long id) {
        return joining.ofMember(id).stream().map(MemberDtos.ApplicationView::of).toList();
    }

    @POST
    @Path("/{id}/transfers")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "requestTransfer", summary = "Request the transfer of a membership to another union",
            description = "By the member or an officer of their current org; an officer of the receiving org decides.")
    @APIResponse(responseCode = "201", description = "Requested")
    @APIResponse(responseCode = "400", description = "Unknown target org, a kind that admits no members, or the current org")
    @APIResponse(responseCode = "403", description = "Neither the member nor an officer of their org")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    @APIResponse(responseCode = "409", description = "Not a member, or a transfer is pending")
    @APIResponse(responseCode = "422", description = "The target org is closed")
    public Response requestTransfer(@PathParam("id") long id, @Valid @NotNull MemberDtos.NewTransfer request,
                                    @Context UriInfo uri) {
        MembershipTransfer t = transfers.request(id, request);
        return Response.created(uri.getBaseUriBuilder().path("transfers").path(String.valueOf(t.id)).build())
                .entity(MemberDtos.TransferView.of(t)).build();
    }

    @GET
    @Path("/{id}/transfers")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listMemberTransfers", summary = "A member's transfers, newest first")
    @APIResponse(responseCode = "200", description = "The transfers")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public List<MemberDtos.TransferView> memberTransfers(@PathParam("id") long id) {
        return transfers.ofMember(id).stream().map(MemberDtos.TransferView::of).toList();
    }

    @POST
    @Path("/{id}/activities")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "recordMemberActivity", summary = "Record dues paid or union life that keeps a membership alive",
            description = "Moves the member's lastActiveOn forward (never back); lapse runs judge by it.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "activeOn missing or in the future, kind unknown (problem+json naming the field)")
    @APIResponse(responseCode = "403", description = "You do not manage the member's organization")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    @APIResponse(responseCode = "409", description = "The member holds no membership")
    public Response recordActivity(@PathParam("id") long id, @Valid @NotNull MemberDtos.NewActivity request) {
        return Response.status(Response.Status.CREATED).entity(lapses.record(id, request)).build();
    }

    @GET
    @Path("/{id}/activities")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listMemberActivities", summary = "A member's recorded activity, newest first")
    @APIResponse(responseCode = "200", description = "The activities")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public List<MemberDtos.ActivityView> activities(@PathParam("id") long id) {
        return lapses.activities(id);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getMembershipHistory", summary = "The orgs a member belonged to, with dates and reasons")
    @APIResponse(responseCode = "200", description = "The periods, oldest first")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    public List<MemberDtos.PeriodView> history(@PathParam("id") long id) {
        members.get(id);
        return MemberDtos.PeriodView.history(id);
    }

    @POST
    @Path("/{id}/leave")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "leaveUnion", summary = "End a membership")
    @APIResponse(responseCode = "200", description = "The member, now LEFT")
    @APIResponse(responseCode = "400", description = "No or unknown reason")
    @APIResponse(responseCode = "403", description = "Neither the member nor an officer of their org")
    @APIResponse(responseCode = "404", description = "No such member that you may see")
    @APIResponse(responseCode = "409", description = "Not a member")
    public MemberDtos.MemberView leave(@PathParam("id") long id, @Valid @NotNull MemberDtos.Leave request) {
        return MemberDtos.MemberView.of(transfers.leave(id, request));
    }
}
