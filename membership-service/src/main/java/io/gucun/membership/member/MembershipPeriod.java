package io.gucun.membership.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One stay of a member in one org: from admission or transfer in, to transfer out or leaving (open while current). */
@Entity
@Table(name = "membership_period")
public class MembershipPeriod extends PanacheEntityBase {

    /** Why a period began or ended. */
    public enum Reason {
        APPLICATION, ON_SITE, AUTO_APPROVED, TRANSFER_IN, TRANSFER_OUT, LEFT,
        /** The employer closed and its union with it: the period at the enterprise union ends. */
        EMPLOYER_CLOSED,
        /** The membership continues, held by the union above the closed enterprise union. */
        HELD_BY_UPPER_UNION,
        /** The membership lapsed under the lapse policy in force. */
        LAPSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "start_reason", nullable = false)
    public Reason startReason;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "end_reason")
    public Reason endReason;

    /** Free-text remark on the end (e.g. why the member left); stays here, never goes into events. */
    @Column(name = "end_note")
    public String endNote;
}
