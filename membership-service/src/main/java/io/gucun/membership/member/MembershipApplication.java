package io.gucun.membership.member;

import io.gucun.events.membership.JoinVia;
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

/** A worker's application to join one union org. */
@Entity
@Table(name = "membership_application")
public class MembershipApplication extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    public String note;

    @Column(name = "applied_at", nullable = false)
    public OffsetDateTime appliedAt;

    @Column(name = "applied_by", nullable = false)
    public String appliedBy;
    @Embedded
    public DecisionRecord decision;

    /** How the approval happened (APPLICATION or AUTO_APPROVED); null until approved. */
    @Enumerated(EnumType.STRING)
    public JoinVia via;

    @Version
    public int version;
}
