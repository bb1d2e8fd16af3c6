package io.gucun.outreach.results;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/results")
@Tag(name = "Results", description = "Sign-ups, approved members and founded unions per event, staff member and org")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class ResultsResource {

    @Inject
    ResultsService results;

    @GET
    @Path("/events/{eventId}")
    @Operation(operationId = "getEventResults", summary = "Results of one event")
    @APIResponse(responseCode = "200", description = "The event's figures")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    public ResultsDtos.EventResults event(@PathParam("eventId") long eventId) {
        return results.ofEvent(eventId);
    }

    @GET
    @Path("/staff")
    @Operation(operationId = "listStaffResults", summary = "Results per staff member in a year, most sign-ups first")
    @APIResponse(responseCode = "200", description = "A page of staff results")
    @APIResponse(responseCode = "400", description = "Bad year, page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<ResultsDtos.StaffResults> staff(@QueryParam("orgId") Long orgId,
                                                @Parameter(required = true, example = "2026") @QueryParam("year") Integer year,
                                                @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return results.ofStaff(orgId, requireYear(year), PageRequest.of(page, size));
    }

    @GET
    @Path("/orgs/{orgId}/years/{year}")
    @Operation(operationId = "getOrgYearResults", summary = "A year's totals of an org subtree",
            description = "For comparison: Beijing 2016 recruited 20,747 members on site and 1,622 enterprises founded unions.")
    @APIResponse(responseCode = "200", description = "The year's totals")
    @APIResponse(responseCode = "400", description = "Bad year or unknown org")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public ResultsDtos.OrgYearResults orgYear(@PathParam("orgId") long orgId, @PathParam("year") int year) {
        return results.ofOrgYear(orgId, year);
    }

    private static int requireYear(Integer year) {
        if (year == null) {
            throw io.gucun.common.problem.ApiException.invalid("year", "is required");
        }
        return year;
    }
}
