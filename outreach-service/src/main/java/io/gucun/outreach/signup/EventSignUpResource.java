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

@Path("/events/{eventId}/sign-ups")
@Tag(name = "Sign-ups", description = "Workers signing up at an event, turned into membership registrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class EventSignUpResource {

    @Inject
    SignUpService signUps;

    @POST
    @Operation(operationId = "uploadSignUps", summary = "Record sign-ups taken at an event (offline-first, idempotent)",
            description = "Each sign-up carries a client-generated id: uploading the same batch again returns the same results "
                    + "and registers nobody twice. Each new sign-up becomes a membership registration through membership-service "
                    + "(admitted on the spot, or recorded as the existing member); if membership cannot be reached it stays PENDING "
                    + "and is retried.")
    @APIResponse(responseCode = "200", description = "One result per uploaded sign-up, in order")
    @APIResponse(responseCode = "400", description = "Invalid sign-up (problem+json naming e.g. signUps[2].idNumber)")
    @APIResponse(responseCode = "403", description = "The event or the chosen union is outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "An id was uploaded before with different content")
    @APIResponse(responseCode = "422", description = "The event was cancelled")
    public List<SignUpDtos.Result> upload(@PathParam("eventId") long eventId, @Valid @NotNull SignUpDtos.Batch batch,
                                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return signUps.upload(eventId, batch.signUps(), authorization);
    }

    @GET
    @Operation(operationId = "listEventSignUps", summary = "Sign-ups of an event (personal data masked)")
    @APIResponse(responseCode = "200", description = "A page of sign-ups")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    public Page<SignUpDtos.SignUpView> ofEvent(@PathParam("eventId") long eventId, @QueryParam("page") Integer page,
                                               @QueryParam("size") Integer size) {
        return signUps.ofEvent(eventId, PageRequest.of(page, size)).map(SignUpDtos.SignUpView::of);
    }
}
