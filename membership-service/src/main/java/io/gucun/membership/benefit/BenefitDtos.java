package io.gucun.membership.benefit;

import io.gucun.events.membership.BenefitKind;
import io.gucun.events.membership.EmploymentForm;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the benefits API. */
public final class BenefitDtos {

    private BenefitDtos() {
    }

    @Schema(name = "NewBenefit", description = "A benefit an org offers to the members of its subtree. SPECIAL benefits "
            + "name who qualifies: eligibleMemberIds and/or eligibleEmploymentForms (a member qualifies when listed by id "
            + "OR when their employment form is listed). UNIVERSAL and MERCHANT are for every member of the subtree.")
    public record NewBenefit(
            @NotNull @Schema(examples = "42") Long orgId,
            @NotNull @Schema(examples = "SPECIAL") BenefitKind kind,
            @NotBlank @Size(max = 200) @Schema(examples = "新就业形态劳动者夏季送清凉") String title,
            @Size(max = 2000) @Schema(examples = "快递员、网约送餐员每人可领取防暑降温用品一份") String description,
            @Size(max = 200) @Schema(description = "Required for MERCHANT", examples = "顾村联华超市") String merchantName,
            @NotNull @Schema(examples = "2026-06-01") LocalDate validFrom,
            @Schema(examples = "2026-09-30", nullable = true) LocalDate validTo,
            @Schema(description = "SPECIAL: members named by id", examples = "[1001, 1002]") List<Long> eligibleMemberIds,
            @Schema(description = "SPECIAL: employment forms that qualify", examples = "[\"PLATFORM_GIG\", \"INFORMAL\"]")
            List<EmploymentForm> eligibleEmploymentForms,
            @Schema(description = "How many times one member may use it; omitted: no limit", examples = "1")
            @Positive Integer maxPerMember) {
    }

    @Schema(name = "BenefitWithdrawal", description = "Why a benefit stops being offered before its end date")
    public record Withdrawal(@NotBlank @Size(max = 500) @Schema(examples = "合作商户停业") String reason) {
    }

    @Schema(name = "Benefit", description = "A benefit and whom it is for")
    public record BenefitView(
            @Schema(examples = "7") long id,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "MERCHANT") BenefitKind kind,
            @Schema(examples = "会员购物九五折") String title,
            @Schema(nullable = true, examples = "凭会员服务卡结账时出示") String description,
            @Schema(nullable = true, examples = "顾村联华超市") String merchantName,
            @Schema(examples = "2026-01-01") LocalDate validFrom,
            @Schema(nullable = true, examples = "2026-12-31") LocalDate validTo,
            @Schema(examples = "[]") List<Long> eligibleMemberIds,
            @Schema(examples = "[]") List<EmploymentForm> eligibleEmploymentForms,
            @Schema(nullable = true, examples = "1") Integer maxPerMember,
            @Schema(nullable = true, description = "Set when it was withdrawn; no longer offered") OffsetDateTime withdrawnAt,
            @Schema(nullable = true, examples = "合作商户停业") String withdrawalReason,
            @Schema(examples = "2026-11-24T08:00:00Z") OffsetDateTime createdAt,
            @Schema(examples = "officer.wang") String createdBy) {

        public static BenefitView of(Benefit b) {
            return new BenefitView(b.id, b.orgId, b.kind, b.title, b.description, b.merchantName, b.validFrom, b.validTo,
                    b.memberIds(), b.employmentForms(), b.maxPerMember, b.withdrawnAt, b.withdrawalReason, b.createdAt,
                    b.createdBy);
        }
    }

    @Schema(name = "NewRedemption", description = "Use a benefit with a card")
    public record NewRedemption(
            @NotNull @Schema(examples = "7") Long benefitId,
            @Size(max = 500) @Schema(examples = "门店：顾村店", nullable = true) String note) {
    }

    @Schema(name = "Redemption", description = "A benefit used with a card")
    public record RedemptionView(
            @Schema(examples = "300") long id,
            @Schema(examples = "17") long cardId,
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "7") long benefitId,
            @Schema(nullable = true, examples = "门店：顾村店") String note,
            @Schema(nullable = true, examples = "5f0c2a8e-1") String idempotencyKey,
            @Schema(examples = "2026-11-24T09:00:00Z") OffsetDateTime redeemedAt,
            @Schema(examples = "worker-abc") String redeemedBy) {

        public static RedemptionView of(Redemption r) {
            return new RedemptionView(r.id, r.cardId, r.memberId, r.benefitId, r.note, r.idempotencyKey, r.redeemedAt,
                    r.redeemedBy);
        }
    }
}
