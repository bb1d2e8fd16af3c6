package io.gucun.membership.benefit;

import java.time.OffsetDateTime;

/**
 * Events of redeeming benefits. A redemption is an event of the card it was made with: published on the {@code card}
 * aggregate's topic ({@code membership.card.v1}) keyed by the card id, beside CardIssued and CardStatusChanged.
 */
public final class BenefitEvents {

    public record BenefitRedeemed(long redemptionId, long benefitId, long cardId, long memberId, BenefitKind kind,
                                  OffsetDateTime at) {
    }

    private BenefitEvents() {
    }
}
