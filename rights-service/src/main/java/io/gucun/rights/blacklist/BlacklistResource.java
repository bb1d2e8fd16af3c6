package io.gucun.rights.blacklist;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.api.TextValues;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.Roles;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The enterprise blacklist: what partners pull, what officers list and delist. */
@Path("/blacklist")
@Tag(name = "Blacklist", description = "两个黑名单: enterprises that ignored legal supervision or obstructed founding a union")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN, Roles.PARTNER_TAX, Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_CREDIT})
public class BlacklistResource {

    @Inject
    BlacklistService blacklist;

    @GET
    @Path("/changes")
    @Operation(operationId = "listBlacklistChanges", summary = "The feed partners sync from: listings and delistings, oldest first",
            description = "Pass `since` (a time) on the first call and then `after` = the `nextCursor` of the last page; "
                    + "sequence numbers follow commit order, so a cursor never skips a change.")
    @APIResponse(responseCode = "200", description = "A page of changes")
    @APIResponse(responseCode = "400", description = "since is not an ISO time, or limit / after out of range")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not a partner, officer or admin")
    public BlacklistDtos.ChangePage changes(
            @Parameter(description = "Only changes at or after this time", example = "2026-11-01T00:00:00+08:00") @QueryParam("since") String since,
            @Parameter(description = "Cursor: only changes after this sequence number") @QueryParam("after") Long after,
            @Parameter(description = "1-500, default 100") @QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) {
            throw ApiException.invalid("limit", "must be between 1 and 500");
        }
        if (after != null && after < 0) {
            throw ApiException.invalid("after", "must be 0 or more");
        }
        return blacklist.changes(TextValues.time("since", since), after, n);
    }

    @GET
    @Operation(operationId = "listBlacklistEntries", summary = "Blacklist entries, newest first (active=true: the current blacklist)")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Bad paging")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not a partner, officer or admin")
    public Page<BlacklistDtos.EntryView> list(@QueryParam("active") Boolean active, @QueryParam("page") Integer page,
                                              @QueryParam("size") Integer size) {
        return blacklist.entries(active, PageRequest.of(page, size)).map(e -> BlacklistDtos.EntryView.of(e, blacklist.seesInternals(e)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBlacklistEntry", summary = "One entry")
    @APIResponse(responseCode = "200", description = "The entry")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not a partner, officer or admin")
    @APIResponse(responseCode = "404", description = "No such entry")
    public BlacklistDtos.EntryView get(@PathParam("id") long id) {
        BlacklistEntry e = blacklist.get(id);
        return BlacklistDtos.EntryView.of(e, blacklist.seesInternals(e));
    }

    @GET
    @Path("/enterprises/{creditCode}")
    @Operation(operationId = "getEnterpriseBlacklistHistory", summary = "Every listing of one enterprise, delisted ones included")
    @APIResponse(responseCode = "200", description = "The history, oldest first (empty: never listed)")
    @APIResponse(responseCode = "400", description = "Not a valid credit code")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not a partner, officer or admin")
    public List<BlacklistDtos.EntryView> history(@PathParam("creditCode") String creditCode) {
        return blacklist.history(creditCode).stream().map(e -> BlacklistDtos.EntryView.of(e, blacklist.seesInternals(e))).toList();
    }

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "blacklistForObstruction", summary = "List the enterprise of a case confirmed to obstruct founding a union")
    @APIResponse(responseCode = "201", description = "The entry")
    @APIResponse(responseCode = "400", description = "No evidence, or no such case you may see")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the case's coordinating org")
    @APIResponse(responseCode = "409", description = "already-blacklisted")
    @APIResponse(responseCode = "422", description = "not-an-obstruction-case")
    public Response listForObstruction(@Valid @NotNull BlacklistDtos.NewListing r, @Context UriInfo uri) {
        BlacklistEntry e = blacklist.listForObstruction(r);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(e.id)).build())
                .entity(BlacklistDtos.EntryView.of(e, true)).build();
    }

    @POST
    @Path("/{id}/delist")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "delistEnterprise", summary = "Take an enterprise off the blacklist after rectification (history kept)")
    @APIResponse(responseCode = "200", description = "The entry, delisted")
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer covering the enterprise's org")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "already-delisted")
    public BlacklistDtos.EntryView delist(@PathParam("id") long id, @Valid @NotNull BlacklistDtos.Delisting r) {
        return BlacklistDtos.EntryView.of(blacklist.delist(id, r), true);
    }

    @POST
    @Path("/checks")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "runBlacklistCheck", summary = "Run the supervision-deadline check now (admins; `asOf` for a given time)",
            description = "Lists every enterprise whose handling proposal went unanswered past its deadline (or was refused) "
                    + "after an unheeded rectification opinion. The same check runs hourly. Idempotent.")
    @APIResponse(responseCode = "200", description = "The entries this run created (empty when nothing new)")
    @APIResponse(responseCode = "400", description = "asOf is not an ISO time with offset")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public BlacklistDtos.CheckResult check(@Parameter(description = "Check as of this time (default now)", example = "2026-12-31T09:00:00+08:00")
                                           @QueryParam("asOf") String asOf) {
        OffsetDateTime at = asOf == null || asOf.isBlank() ? blacklist.now() : TextValues.time("asOf", asOf);
        return new BlacklistDtos.CheckResult(at, blacklist.check(at, "admin-check").stream()
                .map(e -> BlacklistDtos.EntryView.of(e, true)).toList());
    }
}
