package io.gucun.dues.benefit;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Member benefits", description = "Spending on members: recorded projects and valued benefit redemptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BenefitResource {

    @Schema(description = "Spending on a project that benefits members directly")
    public record NewSpending(@Schema(example = "2026-11") @NotBlank String period,
                              @Schema(description = "Yuan", example = "1500.00") @NotBlank String amount,
                              @Schema(example = "夏送清凉慰问品") @NotBlank @Size(max = 400) String description,
                              @Schema(description = "Your reference: the same reference records once", example = "SP-2026-11-07")
                              @NotBlank @Size(max = 100) String reference) {
    }

    @Schema(description = "What one use of a benefit costs the union")
    public record BenefitValue(@Schema(description = "Yuan", example = "20.00") @NotBlank String amount) {
    }

    @Inject
    BenefitSpending spending;

    @POST
    @Path("orgs/{orgId}/benefit-spending")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "recordBenefitSpending", summary = "Record spending on members by an org (once per reference)")
    @APIResponse(responseCode = "201", description = "Posted; the journal entry id")
    @APIResponse(responseCode = "200", description = "This reference was recorded before; nothing posted")
    @APIResponse(responseCode = "400", description = "A bad amount or period (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The period is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("orgId") long orgId, @Valid @NotNull NewSpending in) {
        BenefitSpending.Recorded r = spending.record(orgId, in.period(), in.amount(), in.description(), in.reference());
        return Response.status(r.created() ? 201 : 200).entity(Map.of("journalEntryId", r.journalEntryId())).build();
    }

    @PUT
    @Path("benefit-values/{benefitId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setBenefitValue", summary = "Set what one redemption of a benefit costs; later redemptions post it as spending")
    @APIResponse(responseCode = "204", description = "Set")
    @APIResponse(responseCode = "400", description = "A bad amount",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response value(@PathParam("benefitId") long benefitId, @Valid @NotNull BenefitValue in) {
        spending.value(benefitId, in.amount());
        return Response.noContent().build();
    }
}
