package io.gucun.membership.workforce;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.api.TextValues;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.events.membership.UnionPost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Workforce", description = "The union workforce register (social workers, officers, chairs, grid leaders, "
        + "activists: post, org, term, login) and staffing of professional social workers against a dated ratio")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkforceResource {

    @Inject
    Workforce workforce;

    @Inject
    Staffing staffing;

    @POST
    @Path("appointments")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "appointUnionWorker", summary = "Appoint a union worker to a post of an org for a term (emits OfficerAppointed)",
            description = "A union has at most one chair in term on a day; one person holds a post of an org once at a time. "
                    + "Chairs, activists and committee members name the member they are (a member of the org's "
                    + "subtree); a member's posts end when the membership ends or moves out of the org's subtree. The "
                    + "login is the Keycloak username that acts for the worker; every post but ACTIVIST and "
                    + "COMMITTEE_MEMBER gets the officer's scope at the org (deploy/keycloak/appointment-scope.sh).")
    @APIResponse(responseCode = "201", description = "Appointed")
    @APIResponse(responseCode = "400", description = "Unknown org, termTo before termFrom, no member for a chair or activist, "
            + "a member outside the org's subtree, neither login nor member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The org is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "chair-in-term, already-appointed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The org is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response appoint(@Valid @NotNull WorkforceDtos.NewAppointment request) {
        return Response.status(Response.Status.CREATED).entity(workforce.appoint(request)).build();
    }

    @GET
    @Path("appointments")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listAppointments", summary = "The union workers of an org's subtree, by org, post and term start")
    @APIResponse(responseCode = "200", description = "A page of appointments")
    @APIResponse(responseCode = "400", description = "orgId missing, a malformed filter or page/size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such org in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<WorkforceDtos.AppointmentView> list(
            @Parameter(required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId,
            @Parameter(description = "Only this post", schema = @Schema(implementation = UnionPost.class))
            @QueryParam("post") String post,
            @Parameter(description = "true (default): only terms covering today; false: every appointment ever made")
            @QueryParam("inTerm") Boolean inTerm,
            @Parameter(description = "Only appointments of this login", example = "sw.zhang") @QueryParam("login") String login,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
            @QueryParam("size") Integer size) {
        return workforce.list(orgId, TextValues.enumValue("post", post, UnionPost.class), inTerm, login,
                PageRequest.of(page, size));
    }

    @GET
    @Path("appointments/{id}")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getAppointment", summary = "One appointment of the register")
    @APIResponse(responseCode = "200", description = "The appointment")
    @APIResponse(responseCode = "404", description = "No such appointment in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkforceDtos.AppointmentView get(@PathParam("id") long id) {
        return workforce.get(id);
    }

    @POST
    @Path("appointments/{id}/term-end")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "endAppointmentTerm", summary = "End a union worker's term early (emits OfficerTermEnded)",
            description = "endedOn is the last day served (today when omitted); the login loses the org's officer scope.")
    @APIResponse(responseCode = "200", description = "The term ended")
    @APIResponse(responseCode = "400", description = "endedOn before the term started or after its last day, no reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such appointment in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "term-ended: it already ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkforceDtos.AppointmentView endTerm(@PathParam("id") long id, @Valid @NotNull WorkforceDtos.EndTerm request) {
        return workforce.endTerm(id, request);
    }

    @POST
    @Path("staffing-policies")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "addStaffingPolicy", summary = "Add a dated social-worker staffing ratio for the orgs of an org's subtree",
            description = "Policies are never edited. For an org, the policy in force of the deepest org above it wins; "
                    + "the default covering every org is the Shanghai ratio (2,000–3,000 workers or 30–50 enterprises).")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Unknown org, a figure out of range, max below min, validTo not after validFrom",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The org is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addPolicy(@Valid @NotNull WorkforceDtos.NewStaffingPolicy request) {
        return Response.status(Response.Status.CREATED).entity(staffing.addPolicy(request)).build();
    }

    @GET
    @Path("staffing-policies")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listStaffingPolicies", summary = "The staffing policies that can apply to an org, and the one in force today")
    @APIResponse(responseCode = "200", description = "The default, the policies of the orgs above and of the org")
    @APIResponse(responseCode = "404", description = "No such org in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkforceDtos.Policies policies(@Parameter(required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId) {
        return staffing.policies(orgId);
    }

    @GET
    @Path("staffing-report")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getStaffingReport", summary = "Professional social workers of an org's subtree against the staffing ratio",
            description = "The org as a whole, then each town/street federation and joint union of its subtree: active "
                    + "members, enterprises not closed and social workers in term today against the policy in force. "
                    + "SHORT when each social worker would carry more than the upper figure of workers or of enterprises.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "orgId missing, a malformed page/size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such org in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkforceDtos.StaffingReport report(
            @Parameter(required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId,
            @Parameter(description = "true (default): only the orgs that fall short, most short first; false: all, by path")
            @QueryParam("onlyShort") Boolean onlyShort,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
            @QueryParam("size") Integer size) {
        return staffing.report(orgId, onlyShort == null || onlyShort, PageRequest.of(page, size));
    }
}
