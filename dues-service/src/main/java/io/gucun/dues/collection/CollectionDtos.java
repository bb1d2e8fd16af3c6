package io.gucun.dues.collection;

import io.gucun.common.problem.FieldError;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class CollectionDtos {

    private CollectionDtos() {
    }

    @Schema(description = "A union-fund collection record (工会经费) for one enterprise and period")
    public record CollectionRecord(
            @Schema(description = "Unified Social Credit Code of the enterprise", example = "91310113MA1GL3XKX1") String creditCode,
            @Schema(description = "Period collected for, YYYY-MM", example = "2026-10") String period,
            @Schema(description = "Payroll base in yuan", example = "300000.00") String payrollBase,
            @Schema(description = "Amount collected in yuan; default 2% of the payroll base. Another amount is accepted but flagged",
                    example = "6000.00") String amount,
            @Schema(description = "The partner's own reference of this record: the same reference posts once",
                    example = "SH-TAX-2026-10-000123") String partnerReference) {
    }

    /** SUSPENDED: posted, but to the suspense org's SUSPENSE account, because the union has not registered the firm. */
    public enum RowStatus { POSTED, SUSPENDED, DUPLICATE, REJECTED }

    @Schema(description = "What happened to one record")
    public record RowResult(@Schema(description = "JSON: position from 1; CSV: line in the file (the header is line 1)") int line,
                            String partnerReference, RowStatus status,
                            @Schema(description = "The amount differs from 2% of the payroll base") boolean flagged,
                            String amount, String expectedAmount, Long collectionId, Long enterpriseId, Long collectingOrgId,
                            @Schema(description = "Why the record was rejected or is a duplicate") List<FieldError> errors) {
    }

    @Schema(description = "A submission of collection records and the result of every record")
    public record ImportView(long id, String submittedBy, String format, Instant receivedAt, int rows,
                             @Schema(description = "Records posted, to the firm's collecting org or (SUSPENDED) to suspense") int posted,
                             int duplicates, int rejected, int flagged, List<RowResult> results) {
    }

    @Schema(description = "A submission's result as the tax partner's collection-imports feed carries it: the counts and the "
            + "records that did not simply post (at most " + ImportResult.MAX_EXCEPTIONS + "; the whole list is at href)")
    public record ImportResult(long importId, String format, Instant receivedAt, int rows, int posted, int duplicates,
                               int rejected, int flagged, List<RowResult> exceptions, boolean exceptionsTruncated, String href) {

        static final int MAX_EXCEPTIONS = 100;

        static ImportResult of(ImportView view) {
            return of(new ImportSummary(view.id(), view.submittedBy(), view.format(), view.receivedAt(), view.rows(),
                    view.posted(), view.duplicates(), view.rejected(), view.flagged()), view.results().stream()
                    .filter(r -> r.status() != RowStatus.POSTED || r.flagged()).limit(MAX_EXCEPTIONS + 1).toList());
        }

        /** {@code exceptions}: the first records that did not simply post, in order; more than the maximum if there are. */
        static ImportResult of(ImportSummary s, List<RowResult> exceptions) {
            return new ImportResult(s.id(), s.format(), s.receivedAt(), s.rows(), s.posted(), s.duplicates(),
                    s.rejected(), s.flagged(), exceptions.subList(0, Math.min(MAX_EXCEPTIONS, exceptions.size())),
                    exceptions.size() > MAX_EXCEPTIONS, "/api/dues/collection-imports/" + s.id());
        }
    }

    @Schema(description = "Records by result: posted (to the firm's collecting org or to suspense), duplicates, rejected, "
            + "and of the posted ones flagged")
    public record Counts(int posted, int duplicates, int rejected, int flagged) {

        public static Counts of(List<RowResult> results) {
            int posted = 0;
            int duplicates = 0;
            int rejected = 0;
            int flagged = 0;
            for (RowResult r : results) {
                switch (r.status()) {
                    case POSTED, SUSPENDED -> posted++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> rejected++;
                }
                if (r.status() == RowStatus.POSTED && r.flagged()) {
                    flagged++;
                }
            }
            return new Counts(posted, duplicates, rejected, flagged);
        }
    }

    @Schema(description = "A submission without its per-record results")
    public record ImportSummary(long id, String submittedBy, String format, Instant receivedAt, int rows, int posted,
                                int duplicates, int rejected, int flagged) {
    }

    @Schema(description = "A posted collection")
    public record CollectionView(long id, String partnerReference, long enterpriseId, String creditCode, String period,
                                 String payrollBase, String amount, String expectedAmount, boolean flagged,
                                 long collectingOrgId, long enterpriseOrgId, long importId, Instant receivedAt, String currency) {
    }

    @Schema(description = "Dues paid by a member (会费)")
    public record NewDuesPayment(@Schema(example = "1001") @NotNull Long memberId,
                                 @Schema(description = "The member's org", example = "42") @NotNull Long orgId,
                                 @Schema(example = "2026-11") @NotBlank String period,
                                 @Schema(description = "Yuan", example = "10.00") @NotBlank String amount,
                                 @Schema(description = "Payment reference: the same reference records once", example = "WX-20261124-0001")
                                 @NotBlank String reference) {
    }

    @Schema(description = "A recorded dues payment")
    public record DuesPaymentView(long id, String reference, long memberId, long orgId, String period, String amount,
                                  String currency, Instant receivedAt) {
    }
}
