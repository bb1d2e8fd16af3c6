package io.gucun.membership.assessment;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The members' yearly assessment of their union's chair, opened and closed by officers; members rate under /me. */
@Path("/assessments")
@Tag(name = "Chair assessments", description = "把考核权交到职工手上: members assess their union's chair each year")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    @Inject
    AssessmentService assessments;

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "openAssessment", summary = "Open the year's assessment of a union's chair by its members")
    @APIResponse(responseCode = "201", description = "Opened; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid input, e.g. a chairMemberId who is not a member of the union")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "The union is outside your scope")
    @APIResponse(responseCode = "409", description = "assessment-exists: the chair is already assessed for that year")
    public Response open(@Valid @NotNull AssessmentDtos.NewAssessment request, @Context UriInfo uri) {
        ChairAssessment a = assessments.open(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(a.id)).build())
                .entity(assessments.view(a)).build();
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "listAssessments", summary = "A union's chair assessments, latest year first")
    @APIResponse(responseCode = "200", description = "A page of assessments")
    @APIResponse(responseCode = "400", description = "No orgId, or a bad page or size")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such org in your scope")
    public Page<AssessmentDtos.AssessmentView> list(
            @Parameter(description = "The union", required = true, example = "42") @QueryParam("orgId") @NotNull Long orgId,
            @Parameter(example = "0") @QueryParam("page") Integer page,
            @Parameter(example = "20") @QueryParam("size") Integer size) {
        return assessments.ofOrg(orgId, PageRequest.of(page, size)).map(assessments::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getAssessment", summary = "An assessment; its counts once closed over at least minRaters raters")
    @APIResponse(responseCode = "200", description = "The assessment")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such assessment that you may see")
    public AssessmentDtos.AssessmentView get(@Parameter(example = "4") @PathParam("id") long id) {
        return assessments.view(assessments.visible(id));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "closeAssessment", summary = "Close an assessment after its window and publish AssessmentClosed")
    @APIResponse(responseCode = "200", description = "Closed, with the counts when at least minRaters rated")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such assessment in your scope")
    @APIResponse(responseCode = "409", description = "assessment-closed: already closed")
    @APIResponse(responseCode = "422", description = "rating-not-ended: the window has not ended")
    public AssessmentDtos.AssessmentView close(@Parameter(example = "4") @PathParam("id") long id) {
        return assessments.view(assessments.close(id));
    }
}
