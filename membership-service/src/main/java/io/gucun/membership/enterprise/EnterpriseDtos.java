package io.gucun.membership.enterprise;

import io.gucun.common.identity.ValidCreditCode;
import io.gucun.membership.org.OrgDtos;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class EnterpriseDtos {

    private EnterpriseDtos() {
    }

    @Schema(name = "NewEnterprise", description = "An enterprise to register under an organization in your scope")
    public record NewEnterprise(
            @Schema(description = "Unified Social Credit Code (GB 32100), 18 characters; stored upper case",
                    examples = "91310113MA1GL3XKX1")
            @NotBlank @ValidCreditCode String creditCode,
            @Schema(examples = "上海顾村精密机械有限公司") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "上海市宝山区顾村镇沪太路 5000 号") @Size(max = 500) String address,
            @Schema(description = "Code of the management grid the enterprise lies in", examples = "BS-GC-017")
            @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String gridCode,
            @Schema(examples = "86") @NotNull @PositiveOrZero @Max(10_000_000) Integer employeeCount,
            @Schema(description = "Date of establishment (business licence)", examples = "2019-04-12")
            @PastOrPresent LocalDate establishedOn,
            @Schema(description = "The org it sits under: a town/street federation, a joint union, ...", examples = "12")
            @NotNull Long orgId) {
    }

    @Schema(name = "EnterpriseChange", description = "The enterprise as it should be now; the credit code never changes")
    public record EnterpriseChange(
            @Schema(examples = "上海顾村精密机械股份有限公司") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "上海市宝山区顾村镇沪太路 5000 号") @Size(max = 500) String address,
            @Schema(examples = "BS-GC-018")
            @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String gridCode,
            @Schema(examples = "120") @NotNull @PositiveOrZero @Max(10_000_000) Integer employeeCount,
            @Schema(examples = "2019-04-12") @PastOrPresent LocalDate establishedOn,
            @Schema(description = "The org it sits under; a different one moves it (and its union) there", examples = "12")
            @NotNull Long orgId,
            @Schema(description = "The version you read; alternatively send it as If-Match", examples = "0") Integer version) {
    }

    @Schema(name = "Enterprise", description = "An enterprise and whether it has founded a union")
    public record EnterpriseView(
            @Schema(examples = "7") long id,
            @Schema(examples = "91310113MA1GL3XKX1") String creditCode,
            @Schema(examples = "上海顾村精密机械有限公司") String name,
            @Schema(examples = "上海市宝山区顾村镇沪太路 5000 号") String address,
            @Schema(examples = "BS-GC-017") String gridCode,
            @Schema(examples = "86") int employeeCount,
            @Schema(examples = "2019-04-12") LocalDate establishedOn,
            @Schema(examples = "12") long orgId,
            @Schema(description = "Path of the org it sits under", examples = "1.2.3.11.12") String orgPath,
            @Schema(description = "Whether it has an active enterprise union", examples = "true") boolean hasUnion,
            @Schema(description = "Its enterprise union, once founded", examples = "31") Long unionOrgId,
            @Schema(examples = "2025-05-01T10:00:00+08:00") OffsetDateTime unionFoundedAt,
            @Schema(examples = "2025-03-01T09:30:00Z") OffsetDateTime registeredAt,
            @Schema(description = "The day it closed down; null while it operates", examples = "null") LocalDate closedOn,
            @Schema(examples = "1") int version) {
    }

    @Schema(name = "EnterpriseClosure", description = "An enterprise closed down (注销/关停)")
    public record Closure(
            @Schema(description = "The day it closed; not in the future, not before it was established", examples = "2026-11-20")
            @NotNull LocalDate closedOn,
            @Schema(description = "Remark kept with the enterprise", examples = "企业注销，会员会籍由顾村镇总工会代管")
            @Size(max = 500) String note) {
    }

    @Schema(name = "ClosedEnterprise", description = "The closed enterprise and what happened to its union's members")
    public record Closed(
            EnterpriseView enterprise,
            @Schema(description = "Its enterprise union, closed with it; null when it had none", examples = "31") Long closedUnionOrgId,
            @Schema(description = "The upper union now holding the members; null when there was no union", examples = "12")
            Long heldByOrgId,
            @Schema(description = "Members whose membership the upper union now holds", examples = "42") int membersHeld,
            @Schema(description = "Pending transfers cancelled or rejected", examples = "1") int transfersSettled,
            @Schema(description = "Pending applications rejected", examples = "2") int applicationsRejected) {
    }

    @Schema(name = "UnionFounding", description = "Founding an enterprise's union; every field may be omitted")
    public record FoundUnion(
            @Schema(description = "Name of the new union; default \"<enterprise name>工会\"", examples = "上海顾村精密机械有限公司工会")
            @Size(max = 200) String name,
            @Schema(description = "When it was founded, if earlier than now (recording an existing union)",
                    examples = "2025-05-01T10:00:00+08:00") OffsetDateTime foundedAt) {
    }

    @Schema(name = "FoundedUnion", description = "The enterprise and its new union")
    public record FoundedUnion(EnterpriseView enterprise, OrgDtos.OrgView unionOrg) {
    }

    @Schema(name = "UnionMatch", description = "The union a worker of this employer should join")
    public record UnionMatchView(
            @Schema(examples = "91310113MA1GL3XKX1") String creditCode,
            @Schema(description = "The employer's name when it is registered", examples = "上海顾村精密机械有限公司") String enterpriseName,
            @Schema(examples = "JOINT_UNION") UnionMatching.Reason reason,
            @Schema(description = "The union to join; null when there is no match") UnionMatching.Candidate recommended,
            @Schema(description = "Other joint unions that would also do") List<UnionMatching.Candidate> alternatives) {
    }
}
