package io.gucun.common.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the webhook API. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    @Schema(description = "Register an endpoint for events. https only, to a host that resolves only to public addresses.")
    public record Registration(
            @NotBlank @Size(max = 2000) @Schema(example = "https://partner.example.cn/hooks/gucun") String url,
            @NotEmpty @Size(max = 20) @Schema(description = "Event types to receive", example = "[\"UnionFounded\", \"EnterpriseClosed\"]")
            List<@NotBlank String> eventTypes) {
    }

    @Schema(description = "A webhook subscription (its secret is shown only when it is created or rotated)")
    public record SubscriptionView(long id, String url, List<String> eventTypes, boolean active, OffsetDateTime createdAt,
                                   @Schema(description = "During a rotation: until when the previous secret still signs")
                                   OffsetDateTime previousSecretValidUntil) {
        public static SubscriptionView of(WebhookSubscription s) {
            return new SubscriptionView(s.id, s.url, s.types(), s.active, s.createdAt,
                    s.previousSecretCipher == null ? null : s.previousSecretUntil);
        }
    }

    @Schema(description = "The subscription and its signing secret, shown this once: keep it in your secret store")
    public record WithSecret(SubscriptionView subscription,
                             @Schema(example = "whsec_Jx2V0nq7mZ0yK3rC4wE8pA1sD5fG6hJ9kL0zX2cV3bN") String secret) {
    }

    @Schema(description = "One event's delivery to the endpoint: its state and attempts")
    public record DeliveryView(long id, String eventId, String eventType, DeliveryState state, int attempts, int replays,
                               OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt,
                               Integer lastStatus, String lastError, OffsetDateTime deliveredAt, OffsetDateTime deadAt) {
        public static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id, d.eventId, d.eventType, d.state, d.attempts, d.replays, d.createdAt,
                    d.nextAttemptAt, d.lastAttemptAt, d.lastStatus, d.lastError, d.deliveredAt, d.deadAt);
        }
    }
}
