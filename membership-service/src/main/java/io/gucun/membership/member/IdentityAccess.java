package io.gucun.membership.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Audit row of one read of a member's full identity data (resident ID number, mobile). */
@Entity
@Table(name = "identity_access_audit")
public class IdentityAccess extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    @Column(name = "accessed_by", nullable = false)
    public String accessedBy;

    public String subject;

    @Column(name = "accessed_at", nullable = false)
    public OffsetDateTime accessedAt;

    @Column(nullable = false)
    public String reason;

    /** Which fields were revealed, comma-separated ({@code ID_NUMBER,MOBILE}). */
    @Column(nullable = false)
    public String fields;
}
