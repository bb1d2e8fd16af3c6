package io.gucun.rights.report;

import io.gucun.common.api.TextValues;
import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.rights.deadline.Deadlines;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Case figures per org subtree and period. */
@Path("/reports")
@Tag(name = "Reports", description = "Cases by category and state, median times, amounts recovered, overdue counts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class ReportResource {

    @Inject
    ReportService reports;

    @Schema(description = "Case figures of an org subtree (cases coordinated from or reported in it) reported in a period")
    public record CaseReport(long orgId, String orgName, LocalDate from, LocalDate to, long cases, long groupCases,
                             Map<String, Long> byCategory, Map<String, Long> byState, long overdue,
                             @Schema(description = "Median hours from report to take-over (taken-over cases); null if none")
                             BigDecimal medianHoursToTakeover,
                             @Schema(description = "Median hours from report to resolution (resolved cases); null if none")
                             BigDecimal medianHoursToResolution,
                             @Schema(example = "87000.50") String amountRecovered, String currency) {
    }

    @GET
    @Path("/cases")
    @Operation(operationId = "reportCases", summary = "Case figures for an org subtree and a period of report dates")
    @APIResponse(responseCode = "200", description = "The figures")
    @APIResponse(responseCode = "400", description = "Unknown org, bad dates, from after to")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public CaseReport cases(@Parameter(description = "Default: the caller's scope") @QueryParam("orgId") Long orgId,
                            @Parameter(description = "First report day (China time), default 1 January this year") @QueryParam("from") String from,
                            @Parameter(description = "Last report day, default today") @QueryParam("to") String to) {
        return reports.cases(orgId, from, to);
    }
}
