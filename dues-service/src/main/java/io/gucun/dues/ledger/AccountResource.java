package io.gucun.dues.ledger;

import io.gucun.common.security.Roles;
import io.gucun.dues.org.Orgs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/orgs/{orgId}/accounts")
@Tag(name = "Ledger", description = "Accounts and journal entries")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record AccountView(long id, long orgId, AccountPurpose purpose, String currency, OffsetDateTime openedAt) {
    }

    @Inject
    Orgs orgs;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listOrgAccounts", summary = "The ledger accounts of one organization")
    @APIResponse(responseCode = "200", description = "One account per purpose")
    @APIResponse(responseCode = "404", description = "The organization is unknown here or outside your scope")
    public List<AccountView> list(@PathParam("orgId") long orgId) {
        orgs.visible(orgId);
        return LedgerAccount.ofOrg(orgId).stream()
                .map(a -> new AccountView(a.id, a.orgId, a.purpose, a.currency, a.openedAt)).toList();
    }
}
