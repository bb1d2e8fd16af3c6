package io.gucun.dues.subsidy;

import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.approval.ApprovalDtos;
import io.gucun.dues.approval.Approvals;
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
import java.util.ArrayList;
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
    public record PolicyView(long id, int version, Programme programme, String regionPath, LocalDate validFrom,
                             @Schema(description = "Per grant; for CHAIR_ALLOWANCE per month") String cityAmount,
                             String districtAmount, String townAmount, String currency,
                             @Schema(description = "PENDING until a second officer approves it, APPROVED (in force from validFrom) or REJECTED")
                             String status,
                             @Schema(description = "The maker-checker approval that decides it (null for the seeded defaults)") Long approvalId,
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
                            @Schema(description = "Today or later: a version never reaches back to members already granted",
                                    example = "2027-01-01") @NotNull LocalDate validFrom,
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

    @Inject
    Approvals approvals;

    @Inject
    BusinessTime time;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listSubsidyPolicies", summary = "Subsidy policy versions, oldest first, with their maker-checker status (a handful: not paged)")
    @APIResponse(responseCode = "200", description = "Every version")
    public List<PolicyView> list() {
        return subsidies.versions().stream().map(v -> view(v.policy(), v.status())).toList();
    }

    @POST
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "createSubsidyPolicy", summary = "Propose a subsidy policy version (an officer strictly above its region, or an admin)",
            description = "The version is PENDING and governs no grant until a second officer approves it (POST /approvals/{id}/approval): "
                    + "an officer whose subtree contains the region's parent, or an admin (for the whole tree: admins only). "
                    + "Members joining from validFrom on get it.")
    @APIResponse(responseCode = "201", description = "Proposed", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "A bad amount, a region not strictly below yours, a start in the past (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull NewPolicy in) {
        List<FieldError> errors = new ArrayList<>();
        long city = amount(errors, "cityAmount", in.cityAmount() == null || in.cityAmount().isBlank() ? "0" : in.cityAmount());
        long district = amount(errors, "districtAmount", in.districtAmount());
        long town = amount(errors, "townAmount", in.townAmount());
        if (in.validFrom().isBefore(time.today())) {
            errors.add(new FieldError("validFrom", "must not be in the past: a version never reaches back to members already"
                    + " granted (earliest: " + time.today() + ")"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String region = in.regionOrgId() == null ? "1" : subsidies.regionPath(in.regionOrgId());
        // The levels that pay under a version never set it for themselves: only a level above the region decides.
        approvals.requireAbove(region, "regionOrgId");
        Programme programme = in.programme() == null ? Programme.RECRUITMENT_SUBSIDY : in.programme();
        ChairAllowanceRules.Scale scale = null;
        if (programme == Programme.CHAIR_ALLOWANCE) {
            FieldError bad = ChairAllowanceRules.whyBadScale(in.fullFromPercent(), in.reducedFromPercent(), in.reducedSharePercent());
            if (bad != null) {
                throw ApiException.invalid(List.of(bad));
            }
            scale = new ChairAllowanceRules.Scale(in.fullFromPercent(), in.reducedFromPercent(), in.reducedSharePercent());
        }
        SubsidyService.Added added = subsidies.addPolicy(programme, region, in.validFrom(), city, district, town, in.note(),
                caller.username(), scale);
        long approvalId = approvals.propose(SubsidyPolicyApproval.KIND, added.id(), Approvals.authorityOver(region),
                "subsidy policy " + programme + " v" + added.version() + " for region " + region + " from " + in.validFrom()
                        + ": city " + Money.format(city) + ", district " + Money.format(district) + ", town " + Money.format(town));
        SubsidyRules.Policy policy = new SubsidyRules.Policy(added.id(), added.version(), programme, region, in.validFrom(), city,
                district, town);
        return Response.status(201).entity(view(policy, "PENDING", approvalId, scale)).build();
    }

    private PolicyView view(SubsidyRules.Policy p, String status) {
        ChairAllowanceRules.Scale scale = p.programme() == Programme.CHAIR_ALLOWANCE ? subsidies.scale(p.id()) : null;
        return view(p, status, approvals.of(SubsidyPolicyApproval.KIND, p.id()).map(ApprovalDtos.ApprovalView::id).orElse(null),
                scale);
    }

    private static PolicyView view(SubsidyRules.Policy p, String status, Long approvalId, ChairAllowanceRules.Scale scale) {
        return new PolicyView(p.id(), p.version(), p.programme(), p.regionPath(), p.validFrom(), Money.format(p.cityFen()),
                Money.format(p.districtFen()), Money.format(p.townFen()), Money.CURRENCY, status, approvalId,
                scale == null ? null : scale.fullFromPercent(), scale == null ? null : scale.reducedFromPercent(),
                scale == null ? null : scale.reducedSharePercent());
    }

    /** A non-negative amount in fen; a malformed or negative one is added to {@code errors} naming {@code field}. */
    private static long amount(List<FieldError> errors, String field, String text) {
        try {
            long fen = Money.parse(field, text);
            if (fen < 0) {
                errors.add(new FieldError(field, "must not be negative"));
            }
            return fen;
        } catch (ApiException e) {
            errors.addAll(e.errors());
            return 0;
        }
    }
}
