package io.gucun.membership.card;

import io.gucun.events.membership.CardStatus;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the card API. */
public final class CardDtos {

    private CardDtos() {
    }

    @Schema(name = "ServiceCard", description = "A member service card. `number` is filled only for the member themself; "
            + "officers and admins see `maskedNumber`.")
    public record CardView(
            @Schema(examples = "17") long id,
            @Schema(examples = "1001") long memberId,
            @Schema(description = "The org that issued the card", examples = "42") long orgId,
            @Schema(description = "Full number (only to the member themself)", examples = "6210000042000000171", nullable = true) String number,
            @Schema(examples = "6210 **** **** ***0171") String maskedNumber,
            @Schema(examples = "ACTIVE") CardStatus status,
            @Schema(description = "Reason of the last status change", examples = "会员卡疑似被他人冒用", nullable = true) String statusReason,
            @Schema(examples = "2026-11-24T08:00:00Z") OffsetDateTime issuedAt,
            @Schema(description = "The card this one replaced", nullable = true, examples = "12") Long replacesCardId) {

        public static CardView of(ServiceCard c, boolean showFullNumber) {
            return new CardView(c.id, c.memberId, c.orgId, showFullNumber ? c.number : null, CardNumbers.masked(c.number),
                    c.status, c.statusReason, c.issuedAt, c.replacesCardId);
        }
    }

    @Schema(name = "CardStatusChange", description = "One entry of a card's history")
    public record StatusChangeView(
            @Schema(examples = "ACTIVE", nullable = true) CardStatus from,
            @Schema(examples = "FROZEN") CardStatus to,
            @Schema(examples = "会员卡疑似被他人冒用", nullable = true) String reason,
            @Schema(examples = "2026-11-24T08:30:00Z") OffsetDateTime at,
            @Schema(examples = "officer.wang") String by) {

        public static StatusChangeView of(CardStatusChange c) {
            return new StatusChangeView(c.fromStatus, c.toStatus, c.reason, c.changedAt, c.changedBy);
        }
    }

    @Schema(name = "CardStatusRequest", description = "Why the status changes (required to freeze)")
    public record StatusRequest(@Size(max = 500) @Schema(examples = "会员卡疑似被他人冒用") String reason) {
    }
}
