package io.gucun.membership.member;

import io.gucun.common.security.Roles;
import io.gucun.common.time.BusinessTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/join-policies")
@Tag(name = "Join policies", description = "Dated per-org policies that admit applications without waiting for an officer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JoinPolicyResource {

    @Inject
    JoiningService joining;

    @Inject
    BusinessTime time;

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "addJoinPolicy", summary = "Add a dated join policy to an org in your scope",
            description = "Policies are never edited; a newer one (later validFrom) takes over from its first day.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Unknown org, an org that admits no members, or validTo not after validFrom")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Response add(@Valid @NotNull MemberDtos.NewJoinPolicy request) {
        JoinPolicy p = joining.addPolicy(request);
        return Response.status(Response.Status.CREATED).entity(new MemberDtos.JoinPolicyView(p.id, p.orgId, p.autoApprove,
                p.validFrom, p.validTo, p.terms().inForceOn(time.today()), p.createdAt, p.createdBy))
                .build();
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listJoinPolicies", summary = "The join policies of one org, oldest first, marking the one in force today")
    @APIResponse(responseCode = "200", description = "The policies")
    @APIResponse(responseCode = "400", description = "No orgId")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public List<MemberDtos.JoinPolicyView> list(
            @Parameter(required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId) {
        return joining.policies(orgId);
    }
}
