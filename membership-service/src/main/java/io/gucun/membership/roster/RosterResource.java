package io.gucun.membership.roster;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An enterprise union's roster, registered in one request (issue 24). */
@Path("/enterprises/{id}/roster")
@Tag(name = "Enterprises", description = "Enterprises by Unified Social Credit Code, and founding their unions")
@Produces(MediaType.APPLICATION_JSON)
public class RosterResource {

    @Inject
    RosterService rosters;

    @POST
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @RequestBody(description = "The members to register: CSV with a header line naming the columns idNumber, name, mobile,"
            + " employmentForm (required) and employerCreditCode, employerName, occupation, occupationCategory (optional),"
            + " one member per line; or a JSON array of objects with the same fields. Streamed; at most"
            + " gucun.membership.roster.max-rows rows (default 50,000).",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    example = "idNumber,name,mobile,employmentForm\n110105199003071239,王小明,13800138000,STANDARD"),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = RosterDtos.RosterRow.class))})
    @Operation(operationId = "registerEnterpriseRoster", summary = "Register an enterprise union's roster in one request",
            description = "Answers 202 with a job at once; each row is then registered and admitted to the enterprise's"
                    + " union exactly as an officer's single registration (checks, encryption, MemberRegistered,"
                    + " MemberJoined, service card and CardIssued), a chunk of rows per transaction. A row that fails a"
                    + " check, repeats a person of an earlier row or names a person already a member anywhere is"
                    + " rejected with its line and field. The same roster posted again answers with the first job.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job to poll",
            content = @Content(schema = @Schema(implementation = RosterDtos.JobView.class)))
    @APIResponse(responseCode = "400", description = "Not a roster: no or a wrong header, not a JSON array, no rows "
            + "(problem+json, field roster)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The enterprise's union is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such enterprise in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More rows than the configured maximum",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/json")
    @APIResponse(responseCode = "422", description = "The enterprise is closed or has no active union",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response registerRoster(@PathParam("id") long id, @HeaderParam("Content-Type") String contentType,
                                   InputStream body, @Context UriInfo uri) {
        RosterJob.Format format = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")
                ? RosterJob.Format.CSV : RosterJob.Format.JSON;
        RosterDtos.JobView job = rosters.accept(id, format, body, true);
        return Response.accepted(job).location(uri.getAbsolutePathBuilder().path(job.id().toString()).build()).build();
    }

    @GET
    @Path("/{jobId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getEnterpriseRosterJob", summary = "Progress and reject report of a posted roster")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = RosterDtos.JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job of an enterprise in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RosterDtos.JobView rosterJob(@PathParam("id") long id, @PathParam("jobId") UUID jobId) {
        return rosters.get(id, jobId);
    }
}
