package io.gucun.membership.assessment;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The member app's side of the chair assessment: my union's assessments and my rating. */
@Path("/me/assessments")
@Tag(name = "Me", description = "Your own membership")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class MyAssessmentsResource {

    @Inject
    AssessmentService assessments;

    @GET
    @Operation(operationId = "listMyAssessments", summary = "The chair assessments of your union, latest year first")
    @APIResponse(responseCode = "200", description = "Your union's assessments, with whether you have rated")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    public List<AssessmentDtos.AssessmentView> mine() {
        return assessments.mine().stream().map(assessments::view).toList();
    }

    @POST
    @Path("/{id}/rating")
    @Operation(operationId = "rateChair", summary = "Rate your union's chair for the year; once, counted without you")
    @APIResponse(responseCode = "204", description = "Counted")
    @APIResponse(responseCode = "400", description = "No or an unknown rating")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "not-a-member (no member record linked to your login) or "
            + "not-a-member-of-union (the chair is another union's)")
    @APIResponse(responseCode = "404", description = "No such assessment")
    @APIResponse(responseCode = "409", description = "already-rated")
    @APIResponse(responseCode = "422", description = "rating-not-open, rating-closed or own-assessment (the chair themself)")
    public Response rate(@Parameter(example = "4") @PathParam("id") long id, @Valid @NotNull AssessmentDtos.NewRating rating) {
        assessments.rate(id, rating.rating());
        return Response.noContent().build();
    }
}
