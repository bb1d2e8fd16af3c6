package io.gucun.dues.subsidy;

import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.common.time.BusinessTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/subsidy-policies")
@Tag(name = "Subsidies", description = "Subsidies per member recruited, posted from MemberJoined")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubsidyPolicyResource {

    @Schema(description = "A subsidy policy version")
    public record PolicyView(int version, Programme programme, String regionPath, LocalDate validFrom,
                             @Schema(description = "Per grant; for CHAIR_ALLOWANCE per month") String cityAmount,
                             String districtAmount, String townAmount, String currency,
                             @Schema(description = "CHAIR_ALLOWANCE only: the year in full from this satisfaction (percent)",
                                     nullable = true) BigDecimal fullFromPercent,
                             @Schema(description = "CHAIR_ALLOWANCE only: reducedSharePercent of it from this satisfaction",
                                     nullable = true) BigDecimal reducedFromPercent,
                             @Schema(nullable = true) Integer reducedSharePercent) {
    }

    @Schema(description = "A new subsidy policy version")
    public record NewPolicy(@Schema(description = "Default RECRUITMENT_SUBSIDY") Programme programme,
                            @Schema(description = "The root of the region the version covers; default the whole tree", example = "3")
                            Long regionOrgId,
                            @Schema(example = "2027-01-01") @NotNull LocalDate validFrom,
                            @Schema(description = "Yuan paid by the city union; default 0", example = "0.00") String cityAmount,
                            @Schema(description = "Yuan paid by the district union per member recruited (per grant; CHAIR_ALLOWANCE: per month)", example = "30.00") @NotBlank String districtAmount,
                            @Schema(description = "Yuan paid by the town/street union per member recruited", example = "30.00") @NotBlank String townAmount,
                            @Size(max = 500) String note,
                            @Schema(description = "CHAIR_ALLOWANCE (required): the year's allowance in full from this "
                                    + "satisfaction, percent", examples = "80.00") BigDecimal fullFromPercent,
                            @Schema(description = "CHAIR_ALLOWANCE (required): reducedSharePercent of the year's allowance from "
                                    + "this satisfaction, nothing below", examples = "60.00") BigDecimal reducedFromPercent,
                            @Schema(description = "CHAIR_ALLOWANCE (required): the reduced share, percent", examples = "50")
                            Integer reducedSharePercent) {
    }

    @Inject
    SubsidyService subsidies;

    @Inject
    CallerScope caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listSubsidyPolicies", summary = "Subsidy policy versions, oldest first (a handful: not paged)")
    @APIResponse(responseCode = "200", description = "Every version")
    public List<PolicyView> list() {
        return subsidies.policies().stream().map(p -> {
            ChairAllowanceRules.Scale scale = p.programme() == Programme.CHAIR_ALLOWANCE ? subsidies.scale(p.id()) : null;
            return new PolicyView(p.version(), p.programme(), p.regionPath(), p.validFrom(), Money.format(p.cityFen()),
                    Money.format(p.districtFen()), Money.format(p.townFen()), Money.CURRENCY,
                    scale == null ? null : scale.fullFromPercent(), scale == null ? null : scale.reducedFromPercent(),
                    scale == null ? null : scale.reducedSharePercent());
        }).toList();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createSubsidyPolicy", summary = "Add a subsidy policy version; members joining from validFrom on get it")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "A bad amount (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull NewPolicy in) {
        long city = in.cityAmount() == null || in.cityAmount().isBlank() ? 0 : Money.parse("cityAmount", in.cityAmount());
        long district = Money.parse("districtAmount", in.districtAmount());
        long town = Money.parse("townAmount", in.townAmount());
        if (city < 0) {
            throw ApiException.invalid("cityAmount", "must not be negative");
        }
        if (district < 0) {
            throw ApiException.invalid("districtAmount", "must not be negative");
        }
        if (town < 0) {
            throw ApiException.invalid("townAmount", "must not be negative");
        }
        String region = in.regionOrgId() == null ? "1" : subsidies.regionPath(in.regionOrgId());
        Programme programme = in.programme() == null ? Programme.RECRUITMENT_SUBSIDY : in.programme();
        ChairAllowanceRules.Scale scale = null;
        if (programme == Programme.CHAIR_ALLOWANCE) {
            FieldError bad = ChairAllowanceRules.whyBadScale(in.fullFromPercent(), in.reducedFromPercent(), in.reducedSharePercent());
            if (bad != null) {
                throw ApiException.invalid(List.of(bad));
            }
            scale = new ChairAllowanceRules.Scale(in.fullFromPercent(), in.reducedFromPercent(), in.reducedSharePercent());
        }
        int version = subsidies.addPolicy(programme, region, in.validFrom(), city, district, town, in.note(), caller.username(),
                scale);
        return Response.status(201).entity(new PolicyView(version, programme, region, in.validFrom(), Money.format(city),
                Money.format(district), Money.format(town), Money.CURRENCY, scale == null ? null : scale.fullFromPercent(),
                scale == null ? null : scale.reducedFromPercent(), scale == null ? null : scale.reducedSharePercent())).build();
    }
}
