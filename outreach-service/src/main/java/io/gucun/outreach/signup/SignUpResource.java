package io.gucun.outreach.signup;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sign-ups")
@Tag(name = "Sign-ups", description = "Workers signing up at an event, turned into membership registrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class SignUpResource {

    @Inject
    SignUpService signUps;

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSignUp", summary = "Read one sign-up (personal data masked)")
    @APIResponse(responseCode = "200", description = "The sign-up")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such sign-up")
    public SignUpDtos.SignUpView get(@PathParam("id") UUID id) {
        return SignUpDtos.SignUpView.of(signUps.get(id));
    }

    @POST
    @Path("/retry")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "retryPendingSignUps", summary = "Deliver pending sign-ups of your scope to membership-service again")
    @APIResponse(responseCode = "200", description = "How many remain pending")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Map<String, Long> retry(@QueryParam("orgId") Long orgId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Map.of("stillPending", signUps.retryPending(orgId, authorization));
    }
}
