package io.gucun.common.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A partner's webhook endpoint and the events it wants. The secrets are stored encrypted and never shown again. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String partner;

    @Column(nullable = false)
    public String url;

    /** Comma-separated event types. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(name = "secret_cipher", nullable = false)
    public String secretCipher;

    @Column(name = "previous_secret_cipher")
    public String previousSecretCipher;

    @Column(name = "previous_secret_until")
    public OffsetDateTime previousSecretUntil;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "deactivated_at")
    public OffsetDateTime deactivatedAt;

    public List<String> types() {
        return Arrays.asList(eventTypes.split(","));
    }

    public boolean wants(String eventType) {
        return active && types().contains(eventType);
    }

    /** Whether the previous secret still signs at {@code now} (during a rotation). */
    public boolean previousSecretValid(OffsetDateTime now) {
        return previousSecretCipher != null && previousSecretUntil != null && previousSecretUntil.isAfter(now);
    }
}
