package io.gucun.dues.rebate;

import io.gucun.common.api.Page;
import io.gucun.common.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class RebateDtos {

    private RebateDtos() {
    }

    @Schema(description = "A new version of a rebate policy (the first version when the name is new)")
    public record NewPolicyVersion(
            @Schema(example = "gucun-town") @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                    message = "must be lower-case letters, digits and dashes") String name,
            @Schema(description = "The org whose subtree the policy covers", example = "11") @NotNull Long scopeOrgId,
            @Schema(description = "Applies to periods starting on or after this day", example = "2026-01-01") @NotNull LocalDate validFrom,
            @Schema(description = "Enterprises with a union and at most this many employees are SMALL_FIRM", example = "25")
            @NotNull @Min(0) @Max(1_000_000) Integer smallFirmMaxEmployees,
            @Schema(description = "One rule per category: STANDARD, SMALL_FIRM and NO_UNION") @NotNull @Size(min = 3, max = 3)
            List<@Valid @NotNull RuleInput> rules,
            @Size(max = 500) String note) {
    }

    @Schema(description = "The grassroots share for one enterprise category")
    public record RuleInput(@NotNull EnterpriseCategory category,
                            @Schema(description = "Percent, up to two decimals, 0 to 100", example = "80") @NotBlank String grassrootsPercent) {
    }

    @Schema(description = "A rebate policy version")
    public record PolicyView(long id, String name, int version, long scopeOrgId, String scopePath, LocalDate validFrom,
                             int smallFirmMaxEmployees, List<RuleView> rules, String note, Instant createdAt, String createdBy) {
    }

    public record RuleView(EnterpriseCategory category, String grassrootsPercent, int grassrootsBp) {
    }

    @Schema(description = "A rebate line: one collection's split and the policy version that produced it")
    public record LineView(long collectionId, long enterpriseId, EnterpriseCategory category, long policyId, String policyName,
                           int policyVersion, String grassrootsPercent, String amount, Long grassrootsOrgId,
                           String grassrootsShare, String preparatoryFund, String upperShare) {

        static LineView of(RebateRules.Line l) {
            return new LineView(l.collectionId(), l.enterpriseId(), l.category(), l.policyId(), l.policyName(), l.policyVersion(),
                    RebateService.percent(l.grassrootsBp()), Money.format(l.amountFen()), l.grassrootsOrgId(),
                    Money.format(l.grassrootsFen()), Money.format(l.preparatoryFen()),
                    Money.format(l.upperFen()));
        }
    }

    @Schema(description = "What a rebate run for an org and period posts (or posted)")
    public record RunView(@Schema(description = "null for a preview, or when there was nothing to rebate") Long runId,
                          long orgId, String period, boolean dryRun, Instant runAt, String runBy,
                          @Schema(description = "Collections rebated (or that a run would rebate now)") int collections,
                          String total, String grassroots, String preparatoryFund, String upper, String currency,
                          Long journalEntryId,
                          @Schema(description = "Why nothing was posted, when nothing was") String note,
                          @Schema(description = "The lines, paged") Page<LineView> lines) {
    }

    @Schema(description = "A rebate run request")
    public record RunRequest(@Schema(example = "2026-10") @NotBlank String period) {
    }
}
