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
            @Schema(description = "The least share any category returns to the grassroots (a firm without a union: held for it); "
                    + "not below the floor rule in force for the scope (default: that floor)", example = "80") String returnFloorPercent,
            @Schema(description = "Months a share held for a firm without a union waits before it goes to the joint union "
                    + "that holds the firm's workers (default 12)", example = "12") @Min(1) @Max(120) Integer heldReleaseMonths,
            @Size(max = 500) String note) {
    }

    @Schema(description = "One enterprise category's rule: the grassroots share and how the rest divides among the levels "
            + "above; the percentages add up to 100")
    public record RuleInput(@NotNull EnterpriseCategory category,
                            @Schema(description = "Percent, up to two decimals, 0 to 100", example = "80") @NotBlank String grassrootsPercent,
                            @Schema(description = "The levels above and their percent of the collection (omit when the grassroots gets 100)")
                            @Size(max = 5) List<@Valid @NotNull LevelShareInput> levels) {
    }

    @Schema(description = "One level's share of a collection")
    public record LevelShareInput(@Schema(description = "TOWN, DISTRICT, CITY, PROVINCE or NATIONAL") @NotNull ShareLevel level,
                                  @Schema(example = "5") @NotBlank String percent) {
    }

    @Schema(description = "A rebate policy version")
    public record PolicyView(long id, String name, int version, long scopeOrgId, String scopePath, LocalDate validFrom,
                             int smallFirmMaxEmployees, String returnFloorPercent, int heldReleaseMonths, List<RuleView> rules,
                             String note, Instant createdAt, String createdBy,
                             @Schema(description = "PENDING until a second officer approves it (only APPROVED versions govern), or REJECTED")
                             String status,
                             @Schema(description = "The approval that decides this version (none for versions set by migration)") Long approvalId) {
    }

    public record RuleView(EnterpriseCategory category, String grassrootsPercent, int grassrootsBp, List<LevelShareView> levels) {
    }

    public record LevelShareView(ShareLevel level, String percent, int bp) {
    }

    @Schema(description = "One receiving part of a collection: level, org, share, amount, and whether rounding added a fen")
    public record ShareView(ShareLevel level, long orgId, String percent, String amount, boolean roundedUp) {

        static ShareView of(RebateRules.Share s) {
            return new ShareView(s.level(), s.orgId(), RebateRules.percent(s.bp()), Money.format(s.fen()), s.roundedUp());
        }
    }

    @Schema(description = "A rebate line: one collection's split and the policy version that produced it")
    public record LineView(long collectionId, long enterpriseId, EnterpriseCategory category, long policyId, String policyName,
                           int policyVersion, String grassrootsPercent, String amount, Long grassrootsOrgId,
                           String grassrootsShare, String preparatoryFund, String upperShare,
                           @Schema(description = "The retention override that replaced the policy's grassroots share, if any") Long overrideId,
                           @Schema(description = "The rule that produced the amounts", example = "policy rule STANDARD") String rule,
                           @Schema(description = "How the amounts were rounded to the fen", example = "largest remainder, +1 fen to GRASSROOTS")
                           String rounding,
                           @Schema(description = "Every receiving part: the grassroots (or held) share and each level above") List<ShareView> shares) {

        static LineView of(RebateRules.Line l) {
            return new LineView(l.collectionId(), l.enterpriseId(), l.category(), l.policyId(), l.policyName(), l.policyVersion(),
                    RebateService.percent(l.grassrootsBp()), Money.format(l.amountFen()), l.grassrootsOrgId(),
                    Money.format(l.grassrootsFen()), Money.format(l.preparatoryFen()),
                    Money.format(l.upperFen()), l.overrideId(), l.rule(), l.rounding(), l.shares().stream().map(ShareView::of).toList());
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

    @Schema(description = "The 80% rule for one collecting org and period: the share of what it collected that its rebate runs "
            + "returned to the grassroots (paid down or held for firms without a union), against the floor in force")
    public record FloorReport(long orgId, String period, int runs, int collections, String rebated, String returned,
                              String grassroots, String held, String upper,
                              @Schema(description = "returned / rebated, percent with two decimals; null when nothing was rebated")
                              String returnedPercent,
                              @Schema(description = "The floor in force for the org on the period's first day") String floorPercent,
                              Long floorRuleId,
                              @Schema(description = "Whether the returned share is at least the floor") boolean holds,
                              @Schema(description = "What would have to be returned on top to meet the floor (0.00 when it holds)")
                              String shortfall,
                              @Schema(description = "Collected in the period, not rebated yet") String notYetRebated,
                              @Schema(description = "Per level above the grassroots: what the runs gave it") List<LevelTotal> levels,
                              String currency) {
    }

    public record LevelTotal(ShareLevel level, String amount) {
    }

    @Schema(description = "A dated floor of the share returned to the grassroots, for an org subtree (the 80% rule)")
    public record FloorRuleView(long id, long scopeOrgId, String scopePath, LocalDate validFrom, String floorPercent, String note,
                                Instant createdAt, String createdBy, String status, Long approvalId) {
    }

    @Schema(description = "A new floor rule")
    public record NewFloorRule(@Schema(example = "1") @NotNull Long scopeOrgId, @NotNull LocalDate validFrom,
                               @Schema(example = "80") @NotBlank String floorPercent, @Size(max = 500) String note) {
    }

    @Schema(description = "A retention override for one enterprise (因企制宜): its grassroots share instead of its policy's")
    public record NewOverride(@Schema(example = "70104") @NotNull Long enterpriseId,
                              @Schema(description = "Percent of each collection returned to the grassroots; not below the floor",
                                      example = "95") @NotBlank String grassrootsPercent,
                              @Schema(example = "新建企业, 初创期三年全额返还") @NotBlank @Size(max = 500) String reason,
                              @Schema(description = "Applies to periods starting on or after this day (today or later)") @NotNull LocalDate validFrom,
                              @Schema(description = "Applies to periods starting on or before this day; open-ended when absent") LocalDate validUntil) {
    }

    @Schema(description = "A retention override and its state")
    public record OverrideView(long id, long enterpriseId, String scopePath, String grassrootsPercent, String reason,
                               LocalDate validFrom, LocalDate validUntil,
                               @Schema(description = "PENDING until a second officer approves it, APPROVED or REJECTED") String status,
                               Instant createdAt, String createdBy, Long approvalId) {
    }

    @Schema(description = "A release of shares held for a firm without a union: to its new union, or to its joint union")
    public record ReleaseView(long releaseId, long enterpriseId, long collectingOrgId, long recipientOrgId,
                              @Schema(description = "UNION_FOUNDED or JOINT_UNION") String reason,
                              @Schema(description = "The rebate lines whose held share it released") int lines, String amount,
                              long journalEntryId, String period) {
    }

    @Schema(description = "A rebate run request")
    public record RunRequest(@Schema(example = "2026-10") @NotBlank String period) {
    }
}
