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
}
