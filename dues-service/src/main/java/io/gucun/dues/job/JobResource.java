package io.gucun.dues.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/jobs")
@Tag(name = "Jobs", description = "Collection imports and rebate runs done in the background")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    Jobs jobs;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getDuesJob", summary = "One of your jobs: its progress and, when done, its result")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobDtos.JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobDtos.JobView get(@PathParam("id") UUID id) {
        return JobDtos.JobView.of(jobs.visible(id), mapper);
    }

    /** 202 naming the job to poll (the same job again for a request sent again with its Idempotency-Key). */
    public static Response accepted(DuesJob job, ObjectMapper mapper, UriInfo uri) {
        return Response.accepted(JobDtos.JobView.of(job, mapper))
                .location(uri.getBaseUriBuilder().path("jobs").path(job.id.toString()).build()).build();
    }
}
