package io.gucun.events.dues;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** Events of the subsidy aggregate (topic {@code dues.subsidy.v1}, key = member id). Money as in CollectionEvents. */
public final class SubsidyEvents {

    public static final String AGGREGATE = "subsidy";

    private SubsidyEvents() {
    }

    /** The recruitment subsidy for a member who joined: each paying level's org and amount; at most one per member. */
    public record SubsidyPosted(long memberId, long orgId, YearMonth period, int policyVersion, List<Payer> payers,
                                String total, String currency, long journalEntryId, UUID transactionId) {

        /** One paying union: {@code level} DISTRICT or TOWN. */
        public record Payer(String level, long orgId, String amount) {
        }
    }
}
