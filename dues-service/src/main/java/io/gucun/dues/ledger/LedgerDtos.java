package io.gucun.dues.ledger;

import io.gucun.common.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class LedgerDtos {

    private LedgerDtos() {
    }

    @Schema(description = "A journal entry entered by hand; its legs must balance")
    public record ManualEntry(
            @Schema(description = "Accounting period, YYYY-MM", example = "2026-11") @NotBlank String period,
            @Schema(example = "区总工会拨付顾村镇活动经费") @NotBlank @Size(max = 500) String description,
            @Schema(description = "At least one debit and one credit; debits must equal credits") @NotNull @Size(min = 2, max = 200)
            List<@Valid @NotNull LegInput> legs) {
    }

    @Schema(description = "One leg of a manual entry")
    public record LegInput(
            @Schema(example = "11") @NotNull Long orgId,
            @Schema(example = "CASH") @NotNull AccountPurpose purpose,
            @Schema(description = "D (debit) or C (credit)", example = "D") @NotNull JournalDraft.Side side,
            @Schema(description = "Yuan, decimal string, at most two places, more than 0", example = "1200.00") @NotBlank String amount) {
    }

    @Schema(description = "A reversal request")
    public record ReversalRequest(
            @Schema(description = "Period to post the reversal into (YYYY-MM); default: the original's period if open, "
                    + "else the current month", example = "2026-11") String period,
            @Schema(example = "工资基数录入错误") @Size(max = 400) String reason) {
    }

    @Schema(description = "One leg of a posted entry")
    public record LegView(long accountId, long orgId, AccountPurpose purpose, JournalDraft.Side side,
                          @Schema(description = "Yuan", example = "1200.00") String amount, long amountFen) {
    }

    @Schema(description = "A posted journal entry (immutable)")
    public record EntryView(long id, UUID transactionId, String period, EntryKind kind, String description,
                            String sourceRef, Long reversesEntryId, Long reversedByEntryId, Instant postedAt,
                            String postedBy, String debits, String credits, String currency, List<LegView> legs) {

        static EntryView of(Ledger.StoredEntry e) {
            long d = e.legs().stream().filter(l -> l.side() == JournalDraft.Side.D).mapToLong(Ledger.StoredLeg::amountFen).sum();
            long c = e.legs().stream().filter(l -> l.side() == JournalDraft.Side.C).mapToLong(Ledger.StoredLeg::amountFen).sum();
            return new EntryView(e.id(), e.transactionId(), e.period(), e.kind(), e.description(), e.sourceRef(),
                    e.reversesEntryId(), e.reversedByEntryId(), e.postedAt(), e.postedBy(), Money.format(d), Money.format(c),
                    Money.CURRENCY, e.legs().stream().map(l -> new LegView(l.accountId(), l.orgId(), l.purpose(), l.side(),
                    Money.format(l.amountFen()), l.amountFen())).toList());
        }
    }

    @Schema(description = "A manual entry above the approval threshold: not posted until a second officer approves it")
    public record PendingEntryView(long pendingEntryId,
                                   @Schema(description = "Approve with POST /approvals/{approvalId}/approval") long approvalId,
                                   String period, String description,
                                   @Schema(description = "Its debits (= credits)") String total,
                                   @Schema(description = "Entries moving more than this need a second officer") String approvalThreshold,
                                   @Schema(description = "The posted entry, once approved") Long journalEntryId, String currency) {
    }

    @Schema(description = "An accounting period")
    public record PeriodView(String period, String status, Instant closedAt, String closedBy) {
    }

    @Schema(description = "Debits and credits of one period (or all periods); balanced means they are equal")
    public record TrialBalance(@Schema(description = "The period, or null for all periods") String period,
                               long entries, String debits, String credits, long debitsFen, long creditsFen,
                               boolean balanced, String currency, List<PurposeTotals> byPurpose,
                               @Schema(description = "Per period, when no period was asked for") List<TrialBalance> periods) {
    }

    @Schema(description = "Totals of one account purpose across all orgs")
    public record PurposeTotals(AccountPurpose purpose, String debits, String credits,
                                @Schema(description = "Balance on the purpose's normal side") String balance) {
    }
}
