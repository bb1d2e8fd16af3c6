package io.gucun.membership.benefit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A benefit used with a service card. */
@Entity
@Table(name = "benefit_redemption")
public class Redemption extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "card_id", nullable = false)
    public Long cardId;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    @Column(name = "benefit_id", nullable = false)
    public Long benefitId;

    public String note;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "redeemed_at", nullable = false)
    public OffsetDateTime redeemedAt;

    @Column(name = "redeemed_by", nullable = false)
    public String redeemedBy;
}
