package io.gucun.events.dues;

import java.time.YearMonth;
import java.util.UUID;

/**
 * Events of the collection aggregate (topic {@code dues.collection.v1}, key = collection id). Money is a decimal
 * string in yuan with two places, with {@code currency} CNY.
 */
public final class CollectionEvents {

    public static final String AGGREGATE = "collection";

    private CollectionEvents() {
    }

    /**
     * A union-fund collection record was accepted and posted to the collecting org. {@code flagged}: {@code amount} is
     * not 2% of {@code payrollBase} ({@code expectedAmount}); accepted, but for review.
     */
    public record FundsCollected(long collectionId, String partnerReference, long enterpriseId, String creditCode,
                                 YearMonth period, String payrollBase, String amount, String expectedAmount, boolean flagged,
                                 String currency, long collectingOrgId, long enterpriseOrgId, long journalEntryId,
                                 UUID transactionId) {
    }

    /**
     * A union-fund collection named a firm the union has not registered (a blind spot): the money was posted to the
     * SUSPENSE account of {@code suspenseOrgId} instead of being refused, and waits there until the firm is registered.
     */
    public record CollectionSuspended(long collectionId, String partnerReference, String creditCode, YearMonth period,
                                      String payrollBase, String amount, String currency, long suspenseOrgId,
                                      String suspenseOrgPath, long journalEntryId, UUID transactionId) {
    }

    /**
     * Suspended money was reassigned to the registered firm: moved from SUSPENSE at {@code fromOrgId} to the collected
     * funds (and cash) of {@code collectingOrgId}, where the next rebate run takes it. {@code trigger}: REGISTERED when
     * membership's EnterpriseRegistered did it, BY_HAND when an officer did.
     */
    public record SuspenseReassigned(long collectionId, String partnerReference, String creditCode, YearMonth period,
                                     String amount, String currency, long enterpriseId, long enterpriseOrgId,
                                     long collectingOrgId, long fromOrgId, String trigger, long journalEntryId,
                                     UUID transactionId) {
    }
}
