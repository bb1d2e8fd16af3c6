package io.gucun.dues.report;

import io.gucun.dues.ledger.AccountPurpose;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ReportDtos {

    private ReportDtos() {
    }

    @Schema(description = "What came in, what went down and what was spent on members, for one org (its own accounts)")
    public record Transparency(long orgId, String orgName, @Schema(description = "The period, or null for all time") String period,
                               @Schema(description = "Union funds collected here (工会经费)") String fundsCollected,
                               @Schema(description = "Member dues collected here (会费)") String duesCollected,
                               @Schema(description = "Rebates received from the collecting org above") String rebatesReceived,
                               @Schema(description = "Subsidies received (per member recruited)") String subsidiesReceived,
                               @Schema(description = "Sent down the tree: rebates and subsidies paid to lower orgs") String sentDown,
                               @Schema(description = "Sent up the tree: the upper levels' shares of the collections rebated here")
                               String sentUp,
                               @Schema(description = "Kept as the upper share after rebates") String keptAsUpperShare,
                               @Schema(description = "Held in the preparatory fund for enterprises without a union") String preparatoryFund,
                               @Schema(description = "Spent on projects and benefits for members") String spentOnMembers,
                               String currency,
                               @Schema(description = "The money flow of the org's subtree as a picture (SVG), public like this summary",
                                       example = "/api/dues/public/orgs/11/money-flow.svg?period=2026-10") String moneyFlow) {
    }

    @Schema(description = "Debits, credits and balance of one account over a period (or all time)")
    public record BalanceRow(long orgId, String orgPath, String orgName, AccountPurpose purpose, String debits, String credits,
                             @Schema(description = "On the purpose's normal side (CASH and MEMBER_BENEFITS: debits - credits)") String balance) {
    }

    @Schema(description = "Money moved in an org subtree by what caused it")
    public record FlowRow(@Schema(description = "FUND_COLLECTION, DUES_PAYMENT, REBATE, SUBSIDY, BENEFIT_SPENDING, MANUAL (reversals "
            + "count against the kind they reverse)") String kind, AccountPurpose purpose, String debits, String credits) {
    }

    @Schema(description = "Flows and balances of an org subtree")
    public record SubtreeReport(long orgId, String orgPath, String period, java.util.List<FlowRow> flows,
                                java.util.List<BalanceRow> totalsByPurpose, String currency) {
    }

    @Schema(description = "Member-benefit ratio: spending on members ÷ members' dues, target 150–200%")
    public record Ratio(long orgId, String period, String spendingOnMembers, String duesCollected,
                        @Schema(description = "Percent with one decimal; null when no dues were collected", example = "162.5") String percent,
                        BenefitRatio.Status status, String targetLow, String targetHigh, long unpricedRedemptions, String currency) {
    }
}
