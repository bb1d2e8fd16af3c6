package io.gucun.membership.member;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/identity-audit")
@Tag(name = "Identity audit", description = "Who read which member's full identity data, when and why")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityAuditResource {

    @Inject
    MemberService members;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listIdentityAccess", summary = "Reads of full identity data, newest first (admins)")
    @APIResponse(responseCode = "200", description = "A page of audit rows")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Page<MemberDtos.IdentityAccessView> list(
            @Parameter(description = "Only reads of this member", example = "1001") @QueryParam("memberId") Long memberId,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return members.identityAudit(memberId, PageRequest.of(page, size));
    }
}
