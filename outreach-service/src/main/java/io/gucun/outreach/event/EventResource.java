package io.gucun.outreach.event;

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
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/events")
@Tag(name = "Outreach events", description = "Worker communication meetings (职工沟通会): planning, staff, calendar")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class EventResource {

    @Inject
    EventService events;

    @POST
    @Operation(operationId = "scheduleOutreachEvent", summary = "Plan a worker communication meeting at a site",
            description = "The window must lie outside office hours on weekdays (evenings, early mornings) or on a weekend.")
    @APIResponse(responseCode = "201", description = "Scheduled; Location names the event")
    @APIResponse(responseCode = "400", description = "Invalid input or a window inside office hours (problem+json naming the field), or a staff login that is not a union worker in term at the org or one above or below it (membership's workforce register)")
    @APIResponse(responseCode = "403", description = "The site is outside your scope")
    @APIResponse(responseCode = "404", description = "No such site")
    public Response schedule(@Valid @NotNull EventDtos.NewEvent request, @Context UriInfo uri) {
        OutreachEvent e = events.schedule(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(e.id)).build()).entity(events.view(e)).build();
    }

    @GET
    @Operation(operationId = "outreachCalendar", summary = "Calendar of an org subtree: events in a period, earliest first")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "Bad period, page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<EventDtos.EventView> calendar(
            @Parameter(description = "Root of the subtree; your scope when omitted", example = "11") @QueryParam("orgId") Long orgId,
            @Parameter(description = "Inclusive start", example = "2026-11-01T00:00:00+08:00") @QueryParam("from") OffsetDateTime from,
            @Parameter(description = "Exclusive end", example = "2026-12-01T00:00:00+08:00") @QueryParam("to") OffsetDateTime to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return events.calendar(orgId, from, to, PageRequest.of(page, size)).map(events::view);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOutreachEvent", summary = "Read one event")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    public EventDtos.EventView get(@PathParam("id") long id) {
        return events.view(events.get(id));
    }

    @POST
    @Path("/{id}/staff")
    @Operation(operationId = "assignEventStaff", summary = "Assign a staff member to an event (idempotent)")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "400", description = "No staff named, or a staff login that is not a union worker in term at the org or one above or below it (membership's workforce register)")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "422", description = "The event was cancelled")
    public EventDtos.EventView assign(@PathParam("id") long id, @Valid @NotNull EventDtos.NewAssignment request) {
        return events.view(events.assignStaff(id, request.staff()));
    }

    @POST
    @Path("/{id}/held")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "markOutreachEventHeld", summary = "Record that the event took place (idempotent)")
    @APIResponse(responseCode = "200", description = "The event, HELD")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "422", description = "The event was cancelled")
    public EventDtos.EventView held(@PathParam("id") long id) {
        return events.view(events.markHeld(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "cancelOutreachEvent", summary = "Cancel a planned event")
    @APIResponse(responseCode = "200", description = "The event, CANCELLED")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "422", description = "The event was already held")
    public EventDtos.EventView cancel(@PathParam("id") long id) {
        return events.view(events.cancel(id));
    }
}
