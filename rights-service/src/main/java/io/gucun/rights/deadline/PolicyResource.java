package io.gucun.rights.deadline;

import io.gucun.common.api.TextValues;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dated deadline policy and the working calendar: read by officers, changed by admins (never retroactively). */
@Path("/deadline-policy")
@Tag(name = "Deadline policy", description = "Working days per step, dated; holidays and worked weekend days")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class PolicyResource {

    @Inject
    Deadlines deadlines;

    @Inject
    CallerScope caller;

    public record PolicyView(long id, DeadlineStep step, int workingDays, LocalDate validFrom, String note, String createdBy) {
        static PolicyView of(DeadlinePolicy p) {
            return new PolicyView(p.id, p.step, p.workingDays, p.validFrom, p.note, p.createdBy);
        }
    }

    @Schema(description = "A new rule from a day on; it applies to steps starting on or after that day")
    public record NewPolicy(@NotNull DeadlineStep step, @NotNull @Min(1) @Max(365) Integer workingDays,
                            @NotBlank @Schema(example = "2027-01-01") String validFrom, @Size(max = 500) String note) {
    }

    public record DayView(LocalDate day, String kind, String name) {
    }

    @Schema(description = "A calendar exception")
    public record NewDay(@NotBlank @Schema(example = "2027-02-17") String day,
                         @NotBlank @Pattern(regexp = "HOLIDAY|WORKDAY", message = "must be HOLIDAY or WORKDAY") String kind,
                         @NotBlank @Size(max = 100) @Schema(example = "春节") String name) {
    }

    @GET
    @Operation(operationId = "listDeadlinePolicies", summary = "Every dated rule, by step and start day")
    @APIResponse(responseCode = "200", description = "The rules")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer or admin")
    public List<PolicyView> list() {
        return deadlines.policies().stream().map(PolicyView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(operationId = "addDeadlinePolicy", summary = "Add a rule valid from today or a later day (admins)")
    @APIResponse(responseCode = "201", description = "The rule")
    @APIResponse(responseCode = "400", description = "Missing or invalid fields, validFrom in the past")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "policy-exists: a rule for this step and day exists")
    public Response add(@Valid @NotNull NewPolicy r) {
        LocalDate from = TextValues.date("validFrom", r.validFrom());
        if (from.isBefore(deadlines.today())) {
            throw ApiException.invalid("validFrom", "must be today or later: deadlines already running do not change");
        }
        DeadlinePolicy p = deadlines.addPolicy(r.step(), r.workingDays(), from, r.note(), caller.username());
        return Response.status(201).entity(PolicyView.of(p)).build();
    }

    @GET
    @Path("/calendar")
    @Operation(operationId = "listCalendarDays", summary = "Holidays and worked weekend days of a year")
    @APIResponse(responseCode = "200", description = "The days")
    @APIResponse(responseCode = "400", description = "year out of range")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer or admin")
    public List<DayView> calendar(@QueryParam("year") Integer year) {
        int y = year == null ? deadlines.today().getYear() : year;
        if (y < 2000 || y > 2100) {
            throw ApiException.invalid("year", "must be between 2000 and 2100");
        }
        return deadlines.calendarDays(y).stream().map(d -> new DayView(d.day, d.kind, d.name)).toList();
    }

    @POST
    @Path("/calendar")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(operationId = "addCalendarDay", summary = "Declare a holiday or a worked weekend day (admins)")
    @APIResponse(responseCode = "201", description = "The day")
    @APIResponse(responseCode = "400", description = "Missing or invalid fields")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "day-exists")
    public Response addDay(@Valid @NotNull NewDay r) {
        LocalDate day = TextValues.date("day", r.day());
        CalendarDay d = deadlines.addDay(day, r.kind(), r.name().trim());
        return Response.status(201).entity(new DayView(d.day, d.kind, d.name)).build();
    }
}
