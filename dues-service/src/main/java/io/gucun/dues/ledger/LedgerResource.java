package io.gucun.dues.ledger;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Ledger", description = "Accounts and journal entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LedgerResource {

    @Inject
    LedgerService ledger;

    @POST
    @Path("journal-entries")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "postManualEntry", summary = "Post a manual journal entry (its legs must balance)",
            description = "An entry moving more than the approval threshold (gucun.dues.manual-entry.approval-threshold, default "
                    + "10000.00) is held until a second officer approves it.")
    @APIResponse(responseCode = "201", description = "Posted (or, for a retried Idempotency-Key, the entry posted the first time)",
            content = @Content(schema = @Schema(implementation = LedgerDtos.EntryView.class)))
    @APIResponse(responseCode = "202", description = "Above the approval threshold: waiting for a second officer's approval; "
            + "nothing posted yet", content = @Content(schema = @Schema(implementation = LedgerDtos.PendingEntryView.class)))
    @APIResponse(responseCode = "400", description = "Unbalanced legs (urn:gucun:problem:unbalanced-entry naming legs), a bad "
            + "amount or period, an org outside your scope; nothing is posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The period is closed (urn:gucun:problem:period-closed), or the "
            + "Idempotency-Key was used for a different entry (urn:gucun:problem:idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response manual(@Valid @NotNull LedgerDtos.ManualEntry request,
                           @Parameter(description = "Makes a retried request return the first result instead of posting twice")
                           @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        LedgerService.ManualResult result = ledger.manual(request, idempotencyKey);
        if (result.pending() != null) {
            return Response.accepted(result.pending()).build();
        }
        LedgerDtos.EntryView entry = result.posted();
        return Response.created(uri.getBaseUriBuilder().path("journal-entries").path(String.valueOf(entry.id())).build())
                .entity(entry).build();
    }

    @GET
    @Path("journal-entries/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getJournalEntry", summary = "Read one journal entry with its legs")
    @APIResponse(responseCode = "200", description = "The entry",
            content = @Content(schema = @Schema(implementation = LedgerDtos.EntryView.class)))
    @APIResponse(responseCode = "404", description = "No such entry touching your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LedgerDtos.EntryView entry(@PathParam("id") long id) {
        return LedgerDtos.EntryView.of(ledger.visibleEntry(id));
    }

    @POST
    @Path("journal-entries/{id}/reversal")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "reverseJournalEntry", summary = "Correct an entry by posting its reversal (once per entry)")
    @APIResponse(responseCode = "201", description = "The reversing entry",
            content = @Content(schema = @Schema(implementation = LedgerDtos.EntryView.class)))
    @APIResponse(responseCode = "403", description = "The entry moves money of orgs outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entry touching your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already reversed (urn:gucun:problem:already-reversed, reversedByEntryId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The period is closed, or the entry is itself a reversal",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reverse(@PathParam("id") long id, @Valid LedgerDtos.ReversalRequest request, @Context UriInfo uri) {
        LedgerDtos.EntryView entry = ledger.reverse(id, request);
        return Response.created(uri.getBaseUriBuilder().path("journal-entries").path(String.valueOf(entry.id())).build())
                .entity(entry).build();
    }

    @GET
    @Path("periods")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listPeriods", summary = "Accounting periods seen so far and whether they are closed")
    @APIResponse(responseCode = "200", description = "Newest first (at most one row per month)")
    public List<LedgerDtos.PeriodView> periods() {
        return ledger.periods();
    }

    @POST
    @Path("periods/{period}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "closePeriod", summary = "Close an accounting period: nothing posts into it afterwards (idempotent)")
    @APIResponse(responseCode = "200", description = "The period, closed",
            content = @Content(schema = @Schema(implementation = LedgerDtos.PeriodView.class)))
    @APIResponse(responseCode = "400", description = "Not a period (YYYY-MM, not in the future)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LedgerDtos.PeriodView close(@Parameter(example = "2026-10") @PathParam("period") String period) {
        return ledger.close(period);
    }

    @GET
    @Path("trial-balance")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getTrialBalance", summary = "Trial balance: debits and credits per period and overall",
            description = "Over the whole ledger (all orgs), so it must balance; balanced=false would mean a broken ledger.")
    @APIResponse(responseCode = "200", description = "Totals", content = @Content(schema = @Schema(implementation = LedgerDtos.TrialBalance.class)))
    @APIResponse(responseCode = "400", description = "A malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LedgerDtos.TrialBalance trialBalance(
            @Parameter(description = "One period; omit for all periods, each listed", example = "2026-11") @QueryParam("period") String period) {
        return ledger.trialBalance(period);
    }
}
