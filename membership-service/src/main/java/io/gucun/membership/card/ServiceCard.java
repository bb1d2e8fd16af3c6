package io.gucun.membership.card;

import io.gucun.events.membership.CardStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A member service card (会员服务卡); the vehicle for benefits. */
@Entity
@Table(name = "service_card")
public class ServiceCard extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    /** The org the member belonged to when the card was issued. */
    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(nullable = false)
    public String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CardStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "issued_at", nullable = false)
    public OffsetDateTime issuedAt;

    @Column(name = "issued_by", nullable = false)
    public String issuedBy;

    @Column(name = "replaces_card_id")
    public Long replacesCardId;

    @Version
    public int version;

    @Override
    public String toString() {
        return "ServiceCard[" + id + ", " + (number == null ? null : CardNumbers.masked(number)) + ", " + status + "]";
    }
}
