package io.gucun.dues.subsidy;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.dues.ledger.Correction;
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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Subsidies", description = "Subsidies per member recruited, posted from MemberJoined")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Inject
    GrantService grants;

    @POST
    @Path("budget-funds")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "openBudgetFund", summary = "Open a programme fund of a paying org for a region (or answer the one open)")
    @APIResponse(responseCode = "200", description = "The fund", content = @Content(schema = @Schema(implementation = GrantDtos.FundView.class)))
    @APIResponse(responseCode = "400", description = "A payer outside your scope, a region outside the payer's subtree "
            + "(problem+json naming payerOrgId or regionOrgId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantDtos.FundView open(@Valid @NotNull GrantDtos.NewFund in) {
        return grants.openFund(in);
    }

    @GET
    @Path("orgs/{orgId}/budget-funds")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listBudgetFunds", summary = "The funds of the payers in an org's subtree (a handful per org: not paged)")
    @APIResponse(responseCode = "200", description = "Funds with balance, allocated, paid and owed")
    public List<GrantDtos.FundView> funds(@PathParam("orgId") long orgId) {
        return grants.funds(orgId);
    }

    @GET
    @Path("budget-funds/{fundId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getBudgetFund", summary = "One programme fund")
    @APIResponse(responseCode = "200", description = "The fund", content = @Content(schema = @Schema(implementation = GrantDtos.FundView.class)))
    @APIResponse(responseCode = "404", description = "No such fund in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantDtos.FundView fund(@PathParam("fundId") long fundId) {
        return grants.visibleFund(fundId);
    }

    @POST
    @Path("budget-funds/{fundId}/allocations")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "allocateBudget", summary = "Move the payer's cash into the fund (once per reference); what the "
            + "fund owes is then paid, oldest first, as far as it goes")
    @APIResponse(responseCode = "200", description = "The fund after the allocation", content = @Content(schema = @Schema(implementation = GrantDtos.FundView.class)))
    @APIResponse(responseCode = "400", description = "A bad amount (problem+json naming amount)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The payer's cash does not hold the amount (urn:gucun:problem:insufficient-funds)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantDtos.FundView allocate(@PathParam("fundId") long fundId, @Valid @NotNull GrantDtos.Movement in) {
        return grants.move(fundId, in, false);
    }

    @POST
    @Path("budget-funds/{fundId}/withdrawals")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "withdrawBudget", summary = "Move money left in the fund back to the payer's cash (once per reference)")
    @APIResponse(responseCode = "200", description = "The fund after the withdrawal", content = @Content(schema = @Schema(implementation = GrantDtos.FundView.class)))
    @APIResponse(responseCode = "400", description = "A bad amount (problem+json naming amount)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The fund does not hold the amount (urn:gucun:problem:insufficient-funds)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantDtos.FundView withdraw(@PathParam("fundId") long fundId, @Valid @NotNull GrantDtos.Movement in) {
        return grants.move(fundId, in, true);
    }

    @GET
    @Path("grants/{grantId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getGrant", summary = "One grant and each paying level's share (paid, owed or revoked)")
    @APIResponse(responseCode = "200", description = "The grant", content = @Content(schema = @Schema(implementation = GrantDtos.GrantView.class)))
    @APIResponse(responseCode = "404", description = "No such grant in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantDtos.GrantView grant(@PathParam("grantId") long grantId) {
        return grants.visibleGrant(grantId);
    }

    @POST
    @Path("grants/{grantId}/revocation")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "revokeGrant", summary = "Revoke a grant: its payments are reversed and its owed shares cancelled "
            + "with the record, in one transaction; a retry answers the first revocation")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = GrantDtos.GrantView.class)))
    @APIResponse(responseCode = "400", description = "No reason (problem+json naming reason)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A payer is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The recipient has spent the money (urn:gucun:problem:insufficient-funds)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantDtos.GrantView revoke(@PathParam("grantId") long grantId, @Valid @NotNull Correction in) {
        return grants.revoke(grantId, in.reason());
    }

    @GET
    @Path("orgs/{orgId}/grant-report")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getGrantReport", summary = "Grants paid and owed per org and programme in an org's subtree")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = GrantDtos.GrantReport.class)))
    public GrantDtos.GrantReport report(@PathParam("orgId") long orgId) {
        return grants.report(orgId);
    }
}
