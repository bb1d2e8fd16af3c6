package io.gucun.rights.supervision;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Legal supervision (法律监督) of a case: the rectification opinion and the handling proposal. */
@Path("/cases/{caseId}/supervision-notices")
@Tag(name = "Legal supervision", description = "两书: rectification opinion and handling proposal, each with a response deadline")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN, Roles.LAWYER, Roles.MEMBER})
public class SupervisionResource {

    @Inject
    SupervisionService supervision;

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "issueSupervisionNotice", summary = "Issue a letter to the case's enterprise (coordinating officers)",
            description = "The response deadline is counted in working days from the issue day under the dated policy. "
                    + "An ACCEPTED case moves to IN_PROGRESS. The letter never names the reporter.")
    @APIResponse(responseCode = "201", description = "The letter")
    @APIResponse(responseCode = "400", description = "Missing content or kind, issuedOn in the future or before the report")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = "notice-already-issued, or case-not-in-progress (not taken over, or over)")
    @APIResponse(responseCode = "422", description = "rectification-first or already-rectified (handling proposal)")
    public Response issue(@PathParam("caseId") long caseId, @Valid @NotNull SupervisionDtos.NewNotice r, @Context UriInfo uri) {
        SupervisionNotice n = supervision.issue(caseId, r);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(n.id)).build())
                .entity(SupervisionDtos.NoticeView.of(n, supervision.today())).build();
    }

    @GET
    @Operation(operationId = "listSupervisionNotices", summary = "The letters of a case, oldest first")
    @APIResponse(responseCode = "200", description = "The letters")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    public List<SupervisionDtos.NoticeView> list(@PathParam("caseId") long caseId) {
        LocalDate today = supervision.today();
        return supervision.ofCase(caseId).stream().map(n -> SupervisionDtos.NoticeView.of(n, today)).toList();
    }

    @POST
    @Path("/{noticeId}/response")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "recordSupervisionResponse", summary = "Record the enterprise's response to a letter (once)")
    @APIResponse(responseCode = "200", description = "The letter with its response")
    @APIResponse(responseCode = "400", description = "No outcome, or respondedOn in the future or before the letter")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case or letter")
    @APIResponse(responseCode = "409", description = "response-already-recorded")
    public SupervisionDtos.NoticeView respond(@PathParam("caseId") long caseId, @PathParam("noticeId") long noticeId,
                                              @Valid @NotNull SupervisionDtos.NewResponse r) {
        return SupervisionDtos.NoticeView.of(supervision.respond(caseId, noticeId, r), supervision.today());
    }
}
