package io.gucun.rights.deadline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** One dated rule: from {@code validFrom} on, {@code step} may take {@code workingDays} working days. */
@Entity
@Table(name = "deadline_policy")
public class DeadlinePolicy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeadlineStep step;

    @Column(name = "working_days", nullable = false)
    public int workingDays;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    public String note;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The rule for {@code step} in force on {@code day}: the latest {@code validFrom} on or before it. */
    public static Optional<DeadlinePolicy> inForce(Collection<DeadlinePolicy> policies, DeadlineStep step, LocalDate day) {
        return policies.stream()
                .filter(p -> p.step == step && !p.validFrom.isAfter(day))
                .max(Comparator.comparing(p -> p.validFrom));
    }
}
