package io.gucun.events.dues;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** Events of the rebate aggregate (topic {@code dues.rebate.v1}, key = rebate run id). Money as in CollectionEvents. */
public final class RebateEvents {

    public static final String AGGREGATE = "rebate";

    private RebateEvents() {
    }

    /**
     * A rebate run (先收后返) of a collecting org and period posted: {@code total = grassroots + preparatoryFund + upper};
     * {@code grassroots} went down to the enterprise unions in {@code recipients}.
     */
    public record RebatePosted(long runId, long orgId, YearMonth period, int collections, String total, String grassroots,
                               String preparatoryFund, String upper, String currency, List<Recipient> recipients,
                               long journalEntryId, UUID transactionId) {

        /** An enterprise union and the grassroots share it received. */
        public record Recipient(long orgId, String amount) {
        }
    }
}
