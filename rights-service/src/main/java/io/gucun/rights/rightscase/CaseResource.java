package io.gucun.rights.rightscase;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.api.TextValues;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.Roles;
import io.gucun.events.rights.CaseCategory;
import io.gucun.events.rights.CaseState;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rights cases: intake by a worker, an enterprise union or an officer; take-over by the coordinating upper org
 * (上代下), escalation, and the state machine. Who sees what: {@link CaseAccess}.
 */
@Path("/cases")
@Tag(name = "Cases", description = "维权案件: intake, take-over by the upper union, escalation, states and deadlines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN, Roles.LAWYER})
public class CaseResource {

    static final String TRANSITION_409 = "case-transition-not-allowed: not allowed in the case's state; `allowedNextStates` lists where it may go";

    @Inject
    CaseService cases;

    @POST
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "reportCase", summary = "Report a rights case (a worker, an enterprise union or an officer)",
            description = "The coordinating org defaults to the town/street federation above the reporting union. A retry "
                    + "with the same Idempotency-Key returns the first case (200) instead of a second one.")
    @APIResponse(responseCode = "201", description = "The new case; Location names it")
    @APIResponse(responseCode = "200", description = "A retry: the case created by the first request with this Idempotency-Key")
    @APIResponse(responseCode = "400", description = "Invalid or missing fields, unknown org or enterprise (named in `errors`)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "An officer reporting for an org outside their scope, or a role that cannot report")
    @APIResponse(responseCode = "422", description = "org-closed: the reporting org is closed; "
            + "idempotency-key-reused: the Idempotency-Key was used for a different report")
    public Response report(@Valid @NotNull CaseDtos.NewCase request,
                           @Parameter(description = "Makes retries safe: the same key returns the first case")
                           @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        CaseService.Outcome o = cases.report(request, idempotencyKey);
        CaseDtos.CaseView view = cases.view(o.rightsCase());
        if (!o.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getBaseUriBuilder().path("cases").path(String.valueOf(view.id())).build()).entity(view).build();
    }

    @GET
    @Operation(operationId = "listCases", summary = "Cases the caller may see, newest first, with filters",
            description = "A member sees the cases they reported, an officer those reported in or coordinated from their "
                    + "subtree, a lawyer the cases assigned to them, an admin all.")
    @APIResponse(responseCode = "200", description = "A page of cases")
    @APIResponse(responseCode = "400", description = "A filter or paging parameter is invalid")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "An officer filtering by an org outside their scope")
    public Page<CaseDtos.CaseView> list(@QueryParam("state") String state, @QueryParam("category") String category,
                                        @Parameter(description = "Only cases reported in or coordinated from this org's subtree")
                                        @QueryParam("orgId") Long orgId,
                                        @Parameter(description = "Reported on or after this date (China time)", example = "2026-01-01")
                                        @QueryParam("from") String from,
                                        @Parameter(description = "Reported on or before this date", example = "2026-12-31")
                                        @QueryParam("to") String to,
                                        @QueryParam("overdue") Boolean overdue,
                                        @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return cases.list(new CaseService.Filter(TextValues.enumValue("state", state, CaseState.class),
                        TextValues.enumValue("category", category, CaseCategory.class), orgId, TextValues.date("from", from),
                        TextValues.date("to", to), overdue),
                PageRequest.of(page, size)).map(cases::view);
    }

    @GET
    @Path("/overdue")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listOverdueCases", summary = "Open cases past the deadline of their current step, in an org's subtree")
    @APIResponse(responseCode = "200", description = "A page of overdue cases")
    @APIResponse(responseCode = "400", description = "Unknown org or bad paging")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer or admin, or the org is outside your scope")
    public Page<CaseDtos.CaseView> overdue(@Parameter(description = "The subtree (default: the caller's whole scope)") @QueryParam("orgId") Long orgId,
                                           @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return cases.list(new CaseService.Filter(null, null, orgId, null, null, true), PageRequest.of(page, size)).map(cases::view);
    }

    @GET
    @Path("/reminders")
    @Operation(operationId = "listCaseReminders", summary = "Deadlines of the caller's cases due soon or passed, soonest first")
    @APIResponse(responseCode = "200", description = "A page of reminders: a case's running step, or an unanswered letter")
    @APIResponse(responseCode = "400", description = "withinDays or paging out of range")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    public Page<CaseDtos.Reminder> reminders(@Parameter(description = "Working days ahead (0-30, default 2)")
                                             @QueryParam("withinDays") Integer withinDays,
                                             @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int days = withinDays == null ? 2 : withinDays;
        if (days < 0 || days > 30) {
            throw ApiException.invalid("withinDays", "must be between 0 and 30");
        }
        return cases.reminders(days, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCase", summary = "Read a case")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    public CaseDtos.CaseView get(@PathParam("id") long id) {
        return cases.view(cases.visible(id));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getCaseHistory", summary = "State changes and changes of responsibility (who, when, from, to)")
    @APIResponse(responseCode = "200", description = "The history, oldest first")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    public CaseDtos.HistoryView history(@PathParam("id") long id) {
        return cases.history(id);
    }

    @POST
    @Path("/{id}/take-over")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "takeOverCase", summary = "The coordinating org takes the case over as first coordinator (REPORTED → ACCEPTED)")
    @APIResponse(responseCode = "200", description = "The case, ACCEPTED")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = TRANSITION_409)
    public CaseDtos.CaseView takeOver(@PathParam("id") long id, @Valid CaseDtos.NoteRequest r) {
        return cases.view(cases.takeOver(id, note(r)));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "startCase", summary = "Start work on an accepted case (ACCEPTED → IN_PROGRESS)")
    @APIResponse(responseCode = "200", description = "The case, IN_PROGRESS")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = TRANSITION_409)
    public CaseDtos.CaseView start(@PathParam("id") long id, @Valid CaseDtos.NoteRequest r) {
        return cases.view(cases.start(id, note(r)));
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "resolveCase", summary = "Record the resolution (IN_PROGRESS → RESOLVED)")
    @APIResponse(responseCode = "200", description = "The case, RESOLVED")
    @APIResponse(responseCode = "400", description = "No resolution, or a bad amount")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = TRANSITION_409)
    public CaseDtos.CaseView resolve(@PathParam("id") long id, @Valid @NotNull CaseDtos.ResolveRequest r) {
        return cases.view(cases.resolve(id, r));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "reopenCase", summary = "Reopen a resolved case (RESOLVED → IN_PROGRESS; note required)")
    @APIResponse(responseCode = "200", description = "The case, IN_PROGRESS")
    @APIResponse(responseCode = "400", description = "No note")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = TRANSITION_409)
    public CaseDtos.CaseView reopen(@PathParam("id") long id, @Valid CaseDtos.NoteRequest r) {
        return cases.view(cases.reopen(id, note(r)));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "closeCase", summary = "Close the case (after resolution; or without one, note required)")
    @APIResponse(responseCode = "200", description = "The case, CLOSED")
    @APIResponse(responseCode = "400", description = "No note for a case closed without resolution")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = TRANSITION_409)
    public CaseDtos.CaseView close(@PathParam("id") long id, @Valid CaseDtos.NoteRequest r) {
        return cases.view(cases.close(id, note(r)));
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "withdrawCase", summary = "Withdraw an open case (the reporter, or an officer of the coordinating org)")
    @APIResponse(responseCode = "200", description = "The case, WITHDRAWN")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Neither the reporter nor an officer of the coordinating org")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = TRANSITION_409)
    public CaseDtos.CaseView withdraw(@PathParam("id") long id, @Valid CaseDtos.NoteRequest r) {
        return cases.view(cases.withdraw(id, note(r)));
    }

    @POST
    @Path("/{id}/escalate")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "escalateCase", summary = "Escalate the case to an org further up the tree (default: the coordinator's parent)")
    @APIResponse(responseCode = "200", description = "The case with its new coordinating org")
    @APIResponse(responseCode = "400", description = "No reason, or toOrgId is not above the current coordinator")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = "case-not-open: the case is resolved, closed or withdrawn")
    public CaseDtos.CaseView escalate(@PathParam("id") long id, @Valid @NotNull CaseDtos.EscalateRequest r) {
        return cases.view(cases.escalate(id, r));
    }

    private static String note(CaseDtos.NoteRequest r) {
        return r == null ? null : r.note();
    }
}
