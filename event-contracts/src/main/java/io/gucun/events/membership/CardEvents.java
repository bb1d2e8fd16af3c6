package io.gucun.events.membership;

import java.time.OffsetDateTime;

/**
 * Events of the {@code card} aggregate, published on topic {@code membership.card.v1} keyed by the card id.
 * They carry the card number only masked; see {@code EVENTS-CARDS.md}. A redemption is an event of the card it was
 * made with, so BenefitRedeemed goes on the same topic.
 */
public final class CardEvents {

    public static final String AGGREGATE = "card";

    public record CardIssued(long cardId, long memberId, String maskedNumber, long orgId, Long replacesCardId) {
    }

    public record CardStatusChanged(long cardId, long memberId, CardStatus from, CardStatus to, String reason) {
    }

    public record BenefitRedeemed(long redemptionId, long benefitId, long cardId, long memberId, BenefitKind kind,
                                  OffsetDateTime at) {
    }

    private CardEvents() {
    }
}
