package io.gucun.membership.me;

import io.gucun.common.security.Roles;
import io.gucun.events.membership.OrgKind;
import io.gucun.membership.member.ApplicationStatus;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberDtos;
import io.gucun.membership.member.MembershipApplication;
import io.gucun.membership.member.MembershipTransfer;
import io.gucun.membership.member.TransferStatus;
import io.gucun.membership.org.UnionOrg;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Member self-service: the caller's own membership, found through the login linked to their member record. */
@Path("/me")
@Tag(name = "Me", description = "Your own membership")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    MeService me;

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getMyMembership", summary = "My membership, my org and my history")
    @APIResponse(responseCode = "200", description = "Your membership")
    @APIResponse(responseCode = "404", description = "No member record is linked to your login")
    public MeDtos.MyMembership me() {
        return me.mine();
    }
}
