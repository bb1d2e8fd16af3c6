package io.gucun.membership.card;

/**
 * Events of the {@code card} aggregate, published on topic {@code membership.card.v1} keyed by the card id.
 * They carry the card number only masked; see {@code EVENTS-CARDS.md}. BenefitRedeemed ({@code BenefitEvents}) goes
 * on the same topic.
 */
public final class CardEvents {

    public static final String AGGREGATE = "card";

    public record CardIssued(long cardId, long memberId, String maskedNumber, long orgId, Long replacesCardId) {
    }

    public record CardStatusChanged(long cardId, long memberId, CardStatus from, CardStatus to, String reason) {
    }

    private CardEvents() {
    }
}
