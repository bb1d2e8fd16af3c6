package io.gucun.membership.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A request to move a membership from one org to another, decided by the receiving org. */
@Entity
@Table(name = "membership_transfer")
public class MembershipTransfer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    @Column(name = "from_org_id", nullable = false)
    public Long fromOrgId;

    @Column(name = "to_org_id", nullable = false)
    public Long toOrgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TransferStatus status;

    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;
    @Embedded
    public DecisionRecord decision;

    @Version
    public int version;
}
