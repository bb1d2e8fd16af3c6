package io.gucun.dues.subsidy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and views of programme funds, grants and the paid/owed report. */
public final class GrantDtos {

    private GrantDtos() {
    }

    @Schema(description = "A programme fund to open: the paying org sets cash aside for one programme in one region")
    public record NewFund(@NotNull Programme programme,
                          @Schema(description = "The org that pays (it must be in your scope)", example = "3") @NotNull Long payerOrgId,
                          @Schema(description = "The root of the region the fund serves, in the payer's subtree", example = "11")
                          @NotNull Long regionOrgId) {
    }

    @Schema(description = "Cash moved into (allocation) or out of (withdrawal) a fund")
    public record Movement(@Schema(example = "30000.00") @NotBlank String amount,
                           @Schema(description = "Your reference: the same reference moves money once", example = "BUDGET-2026-12-01")
                           @NotBlank @Size(max = 100) String reference) {
    }

    @Schema(description = "A programme fund: what is left, allocated, paid out and still owed from it")
    public record FundView(long id, Programme programme, long payerOrgId, long regionOrgId, String regionPath, String balance,
                           String allocated, String paid, String owed, long owedShares, String currency) {
    }

    @Schema(description = "One paying level's share of a grant")
    public record ShareView(long id, String level, long payerOrgId, Long fundId, String amount,
                            @Schema(description = "PAID, OWED (until the fund is topped up) or REVOKED") String status,
                            Long journalEntryId, Instant paidAt, Long revocationEntryId) {
    }

    @Schema(description = "A grant under a programme: for a member (recruitment, \"两非一无\") or a newly founded union")
    public record GrantView(long id, Programme programme,
                            @Schema(description = "The member id, for UNION_STARTUP the enterprise id, for CHAIR_ALLOWANCE the assessment id") long subjectId,
                            long recipientOrgId, String period, int policyVersion, String status, Instant revokedAt,
                            String revokedBy, String revokeReason, List<ShareView> shares, String currency) {
    }

    @Schema(description = "Paid and owed grants of one org and programme: as payer and as recipient")
    public record ReportRow(long orgId, String orgName, Programme programme, String paidOut, String owedOut, String received,
                            String owedIn, long owedShares) {
    }

    @Schema(description = "Grants paid and owed in an org's subtree")
    public record GrantReport(long orgId, List<ReportRow> rows, String paidOut, String owedOut, String currency) {
    }
}
