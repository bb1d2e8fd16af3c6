package io.gucun.membership.election;

import io.gucun.events.membership.ElectionOffice;
import io.gucun.events.membership.ElectionOutcome;
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

/** An election of one union's chair or committee: its rules, its window, its frozen roll size and, once closed, its result. */
@Entity
@Table(name = "election")
public class Election extends PanacheEntityBase {

    public enum Status {
        /** Called; voting follows the window. */
        SCHEDULED,
        /** Counted and published. */
        CLOSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ElectionOffice office;

    @Column(nullable = false)
    public int seats;

    @Column(nullable = false)
    public String title;

    @Column(name = "cutoff_at", nullable = false)
    public OffsetDateTime cutoffAt;

    @Column(name = "opens_at", nullable = false)
    public OffsetDateTime opensAt;

    @Column(name = "closes_at", nullable = false)
    public OffsetDateTime closesAt;

    @Column(nullable = false)
    public String quorum;

    @Column(nullable = false)
    public String majority;

    /** Members on the roll (frozen at the cut-off). */
    @Column(nullable = false)
    public int eligible;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "ballots_cast")
    public Integer ballotsCast;

    @Column(name = "valid_ballots")
    public Integer validBallots;

    @Column(name = "quorum_met")
    public Boolean quorumMet;

    @Enumerated(EnumType.STRING)
    public ElectionOutcome outcome;

    /** For a CHAIR election that elected someone: the member who holds the chair from the close on. */
    @Column(name = "elected_chair_member_id")
    public Long electedChairMemberId;

    @Version
    public int version;

    public Threshold quorumThreshold() {
        return Threshold.parse(quorum);
    }

    public Threshold majorityThreshold() {
        return Threshold.parse(majority);
    }
}
