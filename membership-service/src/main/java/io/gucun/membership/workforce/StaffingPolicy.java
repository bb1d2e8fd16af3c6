package io.gucun.membership.workforce;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A dated staffing ratio policy of one org for its subtree, or of every org (see {@link StaffingRules}). Only added. */
@Entity
@Table(name = "staffing_policy")
public class StaffingPolicy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null: the policy covers every org (the seeded Shanghai default). */
    @Column(name = "org_id")
    public Long orgId;

    @Column(name = "workers_per_social_worker_min", nullable = false)
    public int workersMin;

    @Column(name = "workers_per_social_worker_max", nullable = false)
    public int workersMax;

    @Column(name = "enterprises_per_social_worker_min", nullable = false)
    public int enterprisesMin;

    @Column(name = "enterprises_per_social_worker_max", nullable = false)
    public int enterprisesMax;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
