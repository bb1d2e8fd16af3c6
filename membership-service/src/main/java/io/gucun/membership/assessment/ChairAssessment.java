package io.gucun.membership.assessment;

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

/** One year's assessment of a union's chair by its members: the window and the running counts, never who rated what. */
@Entity
@Table(name = "chair_assessment")
public class ChairAssessment extends PanacheEntityBase {

    public enum Status {
        OPEN, CLOSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(nullable = false)
    public int year;

    @Column(name = "chair_member_id", nullable = false)
    public Long chairMemberId;

    @Column(name = "opens_at", nullable = false)
    public OffsetDateTime opensAt;

    @Column(name = "closes_at", nullable = false)
    public OffsetDateTime closesAt;

    @Column(name = "min_raters", nullable = false)
    public int minRaters;

    @Column(nullable = false)
    public int satisfied;

    @Column(name = "basically_satisfied", nullable = false)
    public int basicallySatisfied;

    @Column(nullable = false)
    public int dissatisfied;

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

    @Version
    public int version;

    public int raters() {
        return satisfied + basicallySatisfied + dissatisfied;
    }
}
